// Type-checks the ```ts code blocks of README.md (or of the markdown files given) as a user's
// project would: each block is one ES module (a .mts file), compiled with the options `tsc --init` writes
// (`strict`, `noUncheckedIndexedAccess`, `exactOptionalPropertyTypes`, `verbatimModuleSyntax`,
// module nodenext) with its "For nodejs" lines on (`lib: ["esnext"]`, `types: ["node"]`), and
// `from 'layerwise'` mapped to the library: its sources (`lib/index.ts`), or with `--dist` the
// built typings (`dist/lib/index.d.ts`, after `npm run build`), whose own diagnostics are then
// reported too (the published .d.ts must compile for users with `skipLibCheck: false`).
//
// A block that is a fragment of a longer program names what it takes from around it in an HTML
// comment on the line before its fence, which a rendered README does not show:
//   <!-- check-readme: declare const model: Sequential; declare const x: Tensor; -->
// Library names a block uses without importing them (the fragment's context, or `Dense` in a
// block with no import line) are imported for it. All blocks compile in one program, in memory.
//
// Usage: node scripts/check-readme.mjs [--dist] [file.md ...]   (exit code 1 on any error)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CONTEXT = /^<!--\s*check-readme:\s*(.*?)\s*-->\s*$/;

/** The ```ts blocks of `markdown`: code, the 1-based line of the first code line, and the context comment's code. */
export function extractBlocks(markdown) {
  const lines = markdown.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i])) continue;
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    if (end < 0) throw new Error(`unclosed code block at line ${i + 1}`);
    const context = i > 0 ? CONTEXT.exec(lines[i - 1])?.[1] ?? '' : '';
    blocks.push({ code: lines.slice(i + 1, end).join('\n'), line: i + 2, context });
    i = end;
  }
  return blocks;
}

/** The compiler options `tsc --init` writes, with its "For nodejs" lines, `layerwise` mapped to `target`. */
function initOptions(target, baseDirectory) {
  const text = ts.generateTSConfig({}, '\n');
  const { config, error } = ts.parseConfigFileTextToJson('tsconfig.json', text);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  config.compilerOptions = {
    ...config.compilerOptions, lib: ['esnext'], types: ['node'], typeRoots: [path.join(root, 'node_modules', '@types')],
    paths: { layerwise: [target] }, noEmit: true, declaration: false, declarationMap: false, sourceMap: false,
  };
  config.files = [];
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, baseDirectory);
  parsed.errors = parsed.errors.filter((d) => d.code !== 18002); // "The 'files' list is empty": the blocks are given directly
  if (parsed.errors.length > 0) throw new Error(parsed.errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n'));
  return parsed.options;
}

/** The library's exported names, each marked whether it is only a type (to import as `type X`). */
function libraryExports(program, target) {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(target);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`cannot read the exports of ${target}`);
  const out = new Map();
  for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
    const resolved = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    out.set(symbol.name, (resolved.flags & ts.SymbolFlags.Value) === 0);
  }
  return out;
}

/** The names `code` imports from 'layerwise' or declares at its top level. */
function boundNames(code) {
  const source = ts.createSourceFile('block.ts', code, ts.ScriptTarget.ESNext, true);
  const names = new Set();
  const addBinding = (name) => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) addBinding(element.name);
  };
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.name) names.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) names.add(e.name.text);
      if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) addBinding(d.name);
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement)
      || ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) {
      names.add(statement.name.text);
    }
  }
  return names;
}

/** Every identifier in `code`. */
function identifiers(code) {
  const source = ts.createSourceFile('block.ts', code, ts.ScriptTarget.ESNext, true);
  const names = new Set();
  const visit = (node) => {
    if (ts.isIdentifier(node)) names.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

/**
 * Type-checks the ts blocks of `files` (markdown paths) and returns each error as
 * `{ file, line, message }` (`line` in the markdown file, or in a .d.ts for `--dist` errors).
 */
export function checkMarkdownFiles(files, { dist = false } = {}) {
  const target = dist ? path.join(root, 'dist', 'lib', 'index.d.ts') : path.join(root, 'lib', 'index.ts');
  if (!ts.sys.fileExists(target)) throw new Error(`${path.relative(root, target)} is missing${dist ? ': run npm run build first' : ''}`);
  // The blocks live, in memory only, as ES modules (.mts) in a folder of the repository.
  const dir = path.join(root, '.check-readme');
  // With --dist, our own .d.ts files are checked as a user with `skipLibCheck: false` would
  // (only they: other libraries' typings are not asked for their diagnostics).
  const options = { ...initOptions(target, dir), ...(dist ? { skipLibCheck: false } : {}) };
  const virtual = new Map();
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (name) => virtual.has(name) || fileExists.call(host, name);
  host.readFile = (name) => virtual.get(name) ?? readFile.call(host, name);
  host.getSourceFile = (name, languageVersion, ...rest) => {
    const text = virtual.get(name);
    return text === undefined ? getSourceFile.call(host, name, languageVersion, ...rest) : ts.createSourceFile(name, text, languageVersion, true);
  };
  // A first program over the library alone lists its exports (and parses it once for the second).
  const probe = ts.createProgram({ rootNames: [target], options, host });
  const exported = libraryExports(probe, target);

  const snippets = [];
  for (const file of files) {
    extractBlocks(readFileSync(file, 'utf8')).forEach((block, k) => {
      const code = `${block.context}\n${block.code}`;
      const bound = boundNames(code);
      const needed = [...identifiers(code)].filter((n) => exported.has(n) && !bound.has(n)).sort();
      const prelude = needed.length === 0 ? '' : `import { ${needed.map((n) => (exported.get(n) ? `type ${n}` : n)).join(', ')} } from 'layerwise';`;
      const name = path.join(dir, `${path.basename(file, '.md')}-${k + 1}.mts`);
      // Two prelude lines, so a block's line k is line k + 2 of its file.
      virtual.set(name, `${prelude}\n${block.context}\n${block.code}\n`);
      snippets.push({ name, file, line: block.line });
    });
  }
  const program = ts.createProgram({ rootNames: snippets.map((s) => s.name), options, host, oldProgram: probe });
  const errors = [];
  const report = (diagnostic, where) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    errors.push({ ...where(diagnostic), message: `TS${diagnostic.code}: ${message}` });
  };
  for (const diagnostic of program.getOptionsDiagnostics()) report(diagnostic, () => ({ file: 'tsconfig', line: 0 }));
  for (const snippet of snippets) {
    const source = program.getSourceFile(snippet.name);
    for (const diagnostic of [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]) {
      report(diagnostic, (d) => {
        const line = d.start === undefined ? 0 : source.getLineAndCharacterOfPosition(d.start).line;
        return { file: path.relative(root, snippet.file), line: snippet.line + Math.max(0, line - 2) };
      });
    }
  }
  if (dist) {
    const distDir = path.join(root, 'dist') + path.sep;
    for (const source of program.getSourceFiles().filter((s) => s.fileName.startsWith(distDir))) {
      for (const diagnostic of program.getSemanticDiagnostics(source)) {
        report(diagnostic, (d) => ({
          file: path.relative(root, source.fileName), line: d.start === undefined ? 0 : source.getLineAndCharacterOfPosition(d.start).line + 1,
        }));
      }
    }
  }
  return { errors, blocks: snippets.length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const dist = args.includes('--dist');
  const files = args.filter((a) => a !== '--dist');
  const { errors, blocks } = checkMarkdownFiles(files.length > 0 ? files : [path.join(root, 'README.md')], { dist });
  for (const e of errors) console.error(`${e.file}:${e.line}: ${e.message}`);
  if (errors.length > 0) {
    console.error(`check-readme: ${errors.length} error(s) in ${blocks} code block(s)`);
    process.exit(1);
  }
  console.log(`check-readme: ${blocks} code block(s) type-check under tsc --init defaults against ${dist ? 'dist/lib/index.d.ts' : 'lib/index.ts'}`);
}
