import { z } from 'zod';
import { DepartmentItemSchema, HospitalItemSchema, HospitalQuerySchema } from '../../../../shared/schemas/directory.schema';
import { defineRoute } from '../../http/route';
import { requirePurpose } from '../privacy/consent.service';
import { departmentsOf, searchHospitals } from './hospitals.service';

export function hospitalRoutes() {
  return [
    defineRoute({
      method: 'get',
      path: '/hospitals',
      summary: 'Search hospitals by name, or nearest first (`near` is used once, never stored)',
      tags: ['directory'],
      access: { permission: 'profile.self' },
      query: HospitalQuerySchema,
      response: z.object({ items: z.array(HospitalItemSchema) }),
      handler: async ({ query, state }) => {
        // Location is sensitive (PIPL Art. 28): used only under its own consent, and never stored.
        if (query.near) requirePurpose(state.actor!.user, 'location');
        return { items: await searchHospitals(state.em, query) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/hospitals/:id/departments',
      summary: "A hospital's departments",
      tags: ['directory'],
      access: { permission: 'profile.self' },
      params: z.object({ id: z.string().uuid() }),
      response: z.object({ items: z.array(DepartmentItemSchema) }),
      errors: [404],
      handler: async ({ params, state }) => ({ items: await departmentsOf(state.em, params.id) }),
    }),
  ];
}
