// Cedar policy and schema files are imported as text (esbuild and jest load them so).
declare module '*.cedar' {
  const text: string;
  export default text;
}
declare module '*.cedarschema' {
  const text: string;
  export default text;
}
