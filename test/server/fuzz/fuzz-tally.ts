/** What the fuzz sent and what came back, for the figures docs/reliability.md quotes. */
export class FuzzTally {
  requests = 0;
  private readonly statuses = new Map<number, number>();
  private readonly routes = new Set<string>();
  private readonly routesWithSuccess = new Set<string>();
  private readonly actors = new Map<string, number>();

  record(route: string, actor: string, status: number): void {
    this.requests += 1;
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    this.routes.add(route);
    if (status < 300) this.routesWithSuccess.add(route);
    this.actors.set(actor, (this.actors.get(actor) ?? 0) + 1);
  }

  count(predicate: (status: number) => boolean): number {
    return [...this.statuses].filter(([s]) => predicate(s)).reduce((n, [, c]) => n + c, 0);
  }

  summary(meta: Record<string, string | number>, totalRoutes: number, elapsedMs: number): string {
    const statuses = [...this.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}:${n}`).join(' ');
    const actors = [...this.actors].map(([a, n]) => `${a}:${n}`).join(' ');
    return [
      `API fuzz summary (${Object.entries(meta).map(([k, v]) => `${k}=${v}`).join(' ')})`,
      `  requests ${this.requests} in ${(elapsedMs / 1000).toFixed(1)} s; routes covered ${this.routes.size}/${totalRoutes}; routes with a 2xx ${this.routesWithSuccess.size}`,
      `  2xx ${this.count((s) => s < 300)}, 4xx ${this.count((s) => s >= 400 && s < 500)}, 5xx ${this.count((s) => s >= 500)}`,
      `  by status ${statuses}`,
      `  by actor ${actors}`,
    ].join('\n');
  }
}
