/** The whole tRPC API. `AppRouter` is the type the desktop and integrators' clients use. */
import { apiKeysRouter } from './routers/api-keys.ts';
import { authRouter } from './routers/auth.ts';
import { evidenceRouter } from './routers/evidence.ts';
import { ledgerRouter } from './routers/ledger.ts';
import { syncRouter } from './routers/sync.ts';
import { router } from './trpc.ts';
import { webhooksRouter } from '../integrations/webhooks/router.ts';

export const appRouter = router({ auth: authRouter, sync: syncRouter, apiKeys: apiKeysRouter, ledger: ledgerRouter, evidence: evidenceRouter, webhooks: webhooksRouter });
export type AppRouter = typeof appRouter;
