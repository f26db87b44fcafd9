import { MeSchema, ProfilePatchSchema } from '../../../../shared/schemas/me.schema';
import type { AppDeps } from '../../app-deps';
import { ValidationError } from '../../core/errors';
import { defineRoute } from '../../http/route';
import { DepartmentSchema } from '../hospitals/department.entity';
import { meView } from './users.service';

export function userRoutes(deps: AppDeps) {
  return [
    defineRoute({
      method: 'get',
      path: '/me',
      summary: 'Who I am, what I may do, my profile and consents',
      tags: ['users'],
      access: { permission: 'profile.self' },
      consentExempt: true,
      response: MeSchema,
      handler: ({ state }) => meView(state.em, deps.pii, state.actor!.user, state.actor!.consentBlock),
    }),
    defineRoute({
      method: 'patch',
      path: '/me',
      summary: 'Correct my own profile (never role, tier or status)',
      tags: ['users'],
      access: { permission: 'profile.self' },
      body: ProfilePatchSchema,
      response: MeSchema,
      handler: async ({ body, state }) => {
        const user = state.actor!.user;
        if (body.departmentId) {
          const dept = await state.em.findOne(DepartmentSchema, { id: body.departmentId });
          if (!dept || dept.hospital.id !== user.hospital?.id) {
            throw new ValidationError([{ path: 'departmentId', message: '请选择您所在医院的科室' }]);
          }
          user.department = dept;
        }
        if (body.name !== undefined) deps.pii.set(user, 'name', body.name);
        if (body.position !== undefined) deps.pii.set(user, 'position', body.position);
        if (body.title !== undefined) deps.pii.set(user, 'title', body.title);
        if (body.gender !== undefined) deps.pii.set(user, 'gender', body.gender);
        await state.em.flush();
        return meView(state.em, deps.pii, user, state.actor!.consentBlock);
      },
    }),
  ];
}
