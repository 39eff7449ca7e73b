// npm scripts put node_modules/.bin first on PATH, where the `node` devDependency installs Node 22.
// Started any other way (system Node 20), the sf toolchain fails deep inside undici; say so plainly.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(
    `Glocal needs Node >= 22 but this is Node ${process.versions.node}. Run it through npm scripts ` +
      '(npm test, npm run …) after `npm ci`, which installs Node 22 into node_modules/.bin.'
  );
  process.exit(1);
}
