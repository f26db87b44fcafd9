import { permissionsFor, type Role } from '@shared/permissions';

// routes.ts reaches the session store (and its platform files); the areas need only the paths.
jest.mock('../../../miniapp/src/stores/session', () => ({ needsConsent: () => false }));
import { areasFor, CONSOLE_AREAS } from '../../../miniapp/src/components/ConsoleShell/console-areas';

/** The console's sidebar follows the role's permissions: admins see every area, engineers only their workbench. */
const person = (role: Role, status = 'active') => ({ status: status as 'active', permissions: permissionsFor({ status, roles: [role] }) });
const keys = (role: Role, status?: string) => areasFor(person(role, status)).map((a) => a.key);

describe('console areas', () => {
  it('gives an admin every area, in sidebar order', () => {
    expect(keys('admin')).toEqual(CONSOLE_AREAS.map((a) => a.key));
    expect(keys('admin')).toEqual(expect.arrayContaining(['dashboard', 'users', 'directory', 'import', 'labels', 'audit', 'privacy']));
  });

  it('gives an engineer only the workbench and the chat queue', () => {
    expect(keys('engineer')).toEqual(['workbench', 'chat-queue']);
  });

  it('gives hospital staff, dealers and anyone not yet active nothing', () => {
    expect(keys('staff')).toEqual([]);
    expect(keys('dealer')).toEqual([]);
    expect(keys('admin', 'pending')).toEqual([]);
  });

  it('points every area at a page the app declares', async () => {
    (globalThis as { defineAppConfig?: <T>(c: T) => T }).defineAppConfig = (c) => c;
    const { default: config } = await import('../../../miniapp/src/app.config');
    const pages = new Set([...config.pages!, ...config.subPackages!.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))].map((p) => `/${p}`));
    for (const area of CONSOLE_AREAS) expect([area.key, pages.has(area.url)]).toEqual([area.key, true]);
  });
});
