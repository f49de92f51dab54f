import path from 'node:path';

/**
 * Area boundaries of the server (docs/ARCHITECTURE.md, "Areas and their boundaries"): an area
 * imports only the areas listed for it below, and never another area's repository (its tables)
 * or routes. The composition root (`app/`, `main.ts`, `cli.ts`) may import everything. Tests are
 * free to reach what they set up. Import cycles are refused by import-x/no-cycle beside this rule.
 */
export const ALLOWED = {
  env: [],
  db: [],
  platform: ['db', 'env'],
  http: ['platform', 'db', 'auth'],
  audit: ['platform', 'db', 'http'],
  network: ['platform', 'db', 'http', 'audit'],
  auth: ['platform', 'db', 'http', 'audit', 'network'],
  catalog: ['platform', 'db', 'http', 'audit'],
  delegation: ['platform', 'db', 'http', 'audit', 'network', 'catalog'],
  documents: ['platform', 'db', 'http', 'audit'],
  applications: [
    'platform',
    'db',
    'http',
    'audit',
    'network',
    'catalog',
    'delegation',
    'documents',
  ],
  vehicles: ['platform', 'db', 'http', 'audit', 'network', 'catalog', 'documents', 'applications'],
  supervision: [
    'platform',
    'db',
    'http',
    'audit',
    'network',
    'catalog',
    'delegation',
    'applications',
    'vehicles',
  ],
  jobs: ['platform', 'db', 'audit', 'applications', 'network', 'supervision', 'service'],
  licences: ['platform', 'db', 'http', 'audit', 'network', 'catalog', 'documents', 'applications'],
  violations: [
    'platform',
    'db',
    'http',
    'audit',
    'network',
    'catalog',
    'documents',
    'applications',
    'licences',
    'vehicles',
  ],
  citizens: [
    'platform',
    'db',
    'http',
    'audit',
    'network',
    'auth',
    'catalog',
    'delegation',
    'applications',
    'licences',
    'vehicles',
  ],
  service: ['platform', 'db', 'http', 'audit', 'network', 'auth', 'catalog', 'applications'],
  // Generators of synthetic data (tools that write rows by COPY, like a migration): they read
  // the areas' pure helpers (identifiers, rules, numbering), never their repositories.
  generate: [
    'platform',
    'db',
    'demo',
    'catalog',
    'applications',
    'documents',
    'vehicles',
    'licences',
    'violations',
  ],
  antifraud: [
    'platform',
    'db',
    'http',
    'audit',
    'network',
    'catalog',
    'applications',
    'vehicles',
    'licences',
    'violations',
    'supervision',
  ],
  demo: [
    'platform',
    'db',
    'auth',
    'catalog',
    'delegation',
    'network',
    'vehicles',
    'licences',
    'violations',
  ],
};
const ROOT_AREAS = new Set(['app', 'main', 'cli']);
/** Files that are an area's own business with its tables or its HTTP face. */
const PRIVATE = /\.(repository|routes)\.ts$/;

const SERVER = path.join('server', 'src');

/** The area of a file under server/src (its first folder, or the file name for root files). */
function areaOf(file) {
  const rel = path.relative(path.resolve(SERVER), path.resolve(file));
  if (rel.startsWith('..')) return null;
  const [first] = rel.split(path.sep);
  return first.endsWith('.ts') ? first.slice(0, -3) : first;
}

export const boundariesRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Areas import only the areas they may, and never their repositories' },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const from = areaOf(file);
    if (!from || ROOT_AREAS.has(from) || file.endsWith('.test.ts')) return {};
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path.resolve(path.dirname(file), source);
      const to = areaOf(target);
      if (!to || to === from) return;
      if (ROOT_AREAS.has(to)) {
        context.report({ node, message: `${from} may not import the composition root (${to})` });
      } else if (!(ALLOWED[from] ?? []).includes(to)) {
        context.report({
          node,
          message: `area "${from}" may not import area "${to}" (allowed: ${(ALLOWED[from] ?? []).join(', ') || 'none'})`,
        });
      } else if (PRIVATE.test(target)) {
        context.report({
          node,
          message: `"${from}" reaches into ${path.basename(target)}: call "${to}"'s service instead`,
        });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => check(node, node.source.value),
    };
  },
};

/** shared/ is used by server and web alike, so it imports neither. */
export const sharedIsolationRule = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const isShared = path.relative(process.cwd(), context.filename).startsWith(`shared${path.sep}`);
    const isWeb = path.relative(process.cwd(), context.filename).startsWith(`web${path.sep}`);
    if (!isShared && !isWeb) return {};
    return {
      ImportDeclaration(node) {
        const source = node.source.value;
        if (typeof source !== 'string' || !source.startsWith('.')) return;
        const target = path.relative(
          process.cwd(),
          path.resolve(path.dirname(context.filename), source),
        );
        const forbidden = isShared ? ['server', 'web'] : ['server'];
        if (forbidden.some((dir) => target.startsWith(`${dir}${path.sep}`))) {
          context.report({
            node,
            message: `${isShared ? 'shared' : 'web'} may not import ${target.split(path.sep)[0]}/`,
          });
        }
      },
    };
  },
};

export default {
  rules: { boundaries: boundariesRule, 'shared-isolation': sharedIsolationRule },
};
