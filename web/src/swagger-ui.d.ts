declare module 'swagger-ui-dist/swagger-ui-es-bundle.js' {
  /** The Swagger UI factory; only the options this app uses are typed. */
  const SwaggerUIBundle: (options: { url: string; domNode: HTMLElement; deepLinking?: boolean }) => unknown;
  export default SwaggerUIBundle;
}
