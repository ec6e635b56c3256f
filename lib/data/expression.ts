/** Row expressions from a repository: arquero's expression language only, nothing that reaches outside `d`, `op` and literals. */
import { parse } from "arquero";

/** A refused expression: why, and the 1-based column in the expression text where it starts. */
export interface ExpressionRefusal {
  message: string;
  column: number;
}

/** The parsed expression: the columns it reads. */
export interface SafeExpression {
  columns: string[];
}

type Node = { type: string; [key: string]: unknown };

const ALLOWED = new Set([
  "Literal",
  "Column",
  "Constant",
  "BinaryExpression",
  "LogicalExpression",
  "UnaryExpression",
  "ConditionalExpression",
  "CallExpression",
  "ArrayExpression",
  "TemplateLiteral",
  "TemplateElement",
]);

const FORBIDDEN_COLUMNS = new Set(["constructor", "__proto__", "prototype"]);
const FIX = "use only d.<column>, op.<function>(...), operators and literals";

/** Parse `expr` with arquero and walk it; a refusal names what and where. */
export function parseSafeExpression(expr: string): SafeExpression | ExpressionRefusal {
  let ast: Node;
  try {
    const parsed = parse({ check: expr }, { ast: true }) as unknown as { exprs: Node[] };
    ast = parsed.exprs[0]!;
  } catch (error) {
    const text = error instanceof Error ? error.message.split("\n")[0]! : String(error);
    const quote = text.lastIndexOf(': "');
    const snippet = quote >= 0 && text.endsWith('"') ? text.slice(quote + 3, -1) : undefined;
    const at = snippet ? expr.indexOf(snippet) : -1;
    return { message: `${text}; ${FIX}`, column: at >= 0 ? at + 1 : 1 };
  }
  const columns = new Set<string>();
  const refusal = walk(ast, columns, expr);
  return refusal ?? { columns: [...columns] };
}

function walk(node: Node, columns: Set<string>, expr: string): ExpressionRefusal | undefined {
  if (!ALLOWED.has(node.type)) {
    return {
      message: `${describe(node)} is not allowed in a data policy; ${FIX}`,
      column: position(node, expr),
    };
  }
  if (node.type === "Column") {
    const name = String(node.name);
    if (FORBIDDEN_COLUMNS.has(name)) {
      return {
        message: `column name "${name}" is not allowed in an expression; rename the column`,
        column: position(node, expr),
      };
    }
    columns.add(name);
  }
  if (node.type === "CallExpression" && (node.callee as Node | undefined)?.type !== "Function") {
    return {
      message: `only op.<function>(...) may be called; ${FIX}`,
      column: position(node, expr),
    };
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === "callee") continue;
    const children = Array.isArray(value) ? value : [value];
    for (const child of children) {
      if (child && typeof child === "object" && typeof (child as Node).type === "string") {
        const refusal = walk(child as Node, columns, expr);
        if (refusal) return refusal;
      }
    }
  }
  return undefined;
}

function describe(node: Node): string {
  switch (node.type) {
    case "ImportExpression":
      return "import()";
    case "MemberExpression":
      return "a property access outside d.<column>";
    case "Identifier":
      return `the name "${String(node.name)}"`;
    case "BlockStatement":
      return "a block { ... }";
    case "ArrowFunctionExpression":
    case "FunctionExpression":
      return "a function";
    default:
      return node.type;
  }
}

// arquero's AST keeps no offsets, so a refused node is found again by the text it starts with.
function position(node: Node, expr: string): number {
  const body = Math.max(0, expr.indexOf("=>"));
  const property = (node.property as Node | undefined)?.name;
  const needle =
    node.type === "ImportExpression"
      ? "import"
      : node.type === "MemberExpression" && typeof property === "string"
        ? `.${property}`
        : node.type === "BlockStatement"
          ? "{"
          : typeof node.name === "string"
            ? node.name
            : undefined;
  const at = needle === undefined ? -1 : expr.indexOf(needle, body);
  return at >= 0 ? at + 1 : 1;
}
