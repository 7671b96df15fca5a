import { ERROR_CODES } from '@steward/domain';

/** Placeholder shell until the console screens land (see the desktop issue). */
export function App() {
  return (
    <main>
      <h1>Steward</h1>
      <p>The operations console is being built. Rejection codes this build understands: {ERROR_CODES.join(', ')}.</p>
    </main>
  );
}
