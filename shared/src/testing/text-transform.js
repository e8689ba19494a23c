// Jest transform: a .cedar or .cedarschema file is a module whose default export is its text
// (as esbuild's text loader makes it in the bundles).
module.exports = {
  process(source) {
    return { code: `module.exports = { __esModule: true, default: ${JSON.stringify(source)} };` };
  },
};
