/** Vite bundles imported stylesheets into a file the page links (style-src 'self'); the import itself has no value. */
declare module '*.css';
