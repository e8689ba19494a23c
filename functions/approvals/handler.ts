import {
  createHttpHandler,
  ForbiddenError,
  NotFoundError,
  respond,
  routesFrom,
  type Logger,
} from '@backbone/shared/core';
import { DEFAULT_PREFS, expandRoles, type DeviceStore, type PreferencesStore } from '@backbone/shared/approvals';
import { type HttpSecurity } from '@backbone/shared/gcp';
import { approvalView, decideApproval, readApproval, requireStaff } from './approval-inbox';
import { BreakGlassDesk, grantView, type DeskDeps } from './break-glass-desk';
import { routes } from './routes';

export function makeHandler(
  deps: DeskDeps & { devices: DeviceStore; preferences: PreferencesStore; logger: Logger },
  security: HttpSecurity = {},
) {
  const desk = new BreakGlassDesk(deps);
  return createHttpHandler({
    routes: routesFrom(routes, {
      'GET /v1/approvals': async (ctx, { query }) => {
        requireStaff(ctx.caller);
        const approvals = await deps.approvals.list(query.status, query.limit);
        return respond.json({ approvals: approvals.map(approvalView) });
      },
      'GET /v1/approvals/:id': async (ctx, { params }) =>
        respond.json(approvalView(await readApproval(deps, ctx.caller, params.id))),
      'POST /v1/approvals/:id/decision': async (ctx, { params, body }) =>
        respond.json(approvalView(await decideApproval(deps, ctx.caller, params.id, body.verdict, body.note))),
      'POST /v1/break-glass': async (ctx, { body }) =>
        respond.json(grantView(await desk.request(ctx.caller, body), deps.clock.now()), 201),
      'GET /v1/break-glass': async (ctx, { query }) => {
        requireStaff(ctx.caller);
        return respond.json({
          grants: (await deps.breakGlass.list(query.limit)).map((g) => grantView(g, deps.clock.now())),
        });
      },
      'GET /v1/break-glass/:id': async (ctx, { params }) =>
        respond.json(grantView(await desk.read(ctx.caller, params.id), deps.clock.now())),
      'POST /v1/break-glass/:id/approvals': async (ctx, { params }) =>
        respond.json(grantView(await desk.approve(ctx.caller, params.id), deps.clock.now())),
      'PUT /v1/devices/:id': async (ctx, { params, body }) => {
        if (ctx.caller.kind !== 'user') throw new ForbiddenError('Devices belong to signed-in users.');
        const now = deps.clock.now();
        const device = {
          uid: ctx.caller.uid,
          tenant: ctx.caller.tenant,
          id: params.id,
          token: body.token,
          platform: body.platform,
          roles: expandRoles(ctx.caller.roles),
          registeredAt: now,
          lastSeenAt: now,
        };
        await deps.devices.put(device);
        return respond.json({
          id: device.id,
          platform: device.platform,
          roles: device.roles,
          lastSeenAt: now.toISOString(),
        });
      },
      'DELETE /v1/devices/:id': async (ctx, { params }) => {
        if (ctx.caller.kind !== 'user') throw new ForbiddenError('Devices belong to signed-in users.');
        if (!(await deps.devices.remove(ctx.caller.uid, params.id))) throw new NotFoundError(`No device ${params.id}.`);
        return { status: 204 };
      },
      'GET /v1/notification-preferences': async (ctx) => {
        if (ctx.caller.kind !== 'user') throw new ForbiddenError('Preferences belong to signed-in users.');
        const prefs = await deps.preferences.get(ctx.caller.uid);
        return respond.json(
          prefsView(
            prefs ?? { ...DEFAULT_PREFS, email: ctx.caller.email ?? null, roles: expandRoles(ctx.caller.roles) },
          ),
        );
      },
      'PUT /v1/notification-preferences': async (ctx, { body }) => {
        if (ctx.caller.kind !== 'user') throw new ForbiddenError('Preferences belong to signed-in users.');
        const prefs = {
          ...body,
          uid: ctx.caller.uid,
          tenant: ctx.caller.tenant,
          email: ctx.caller.email ?? null,
          roles: expandRoles(ctx.caller.roles),
          updatedAt: deps.clock.now(),
        };
        await deps.preferences.put(prefs);
        return respond.json(prefsView(prefs));
      },
      'POST /v1/break-glass/:id/review': async (ctx, { params, body }) =>
        respond.json(grantView(await desk.review(ctx.caller, params.id, body.note), deps.clock.now())),
    }),
    logger: deps.logger,
    ...security,
  });
}

function prefsView(p: {
  channels: { push: boolean; email: boolean };
  quietHours: unknown;
  language: string;
  email: string | null;
  roles: string[];
}) {
  return { channels: p.channels, quietHours: p.quietHours, language: p.language, email: p.email, roles: p.roles };
}
