/** The whole tRPC API. `AppRouter` is the type the desktop and integrators' clients use. */
import { authRouter } from './routers/auth.ts';
import { syncRouter } from './routers/sync.ts';
import { router } from './trpc.ts';

export const appRouter = router({ auth: authRouter, sync: syncRouter });
export type AppRouter = typeof appRouter;
