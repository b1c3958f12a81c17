import { parse } from "acorn";

/**
 * How the bundle's top-level module wrapper that contains `marker` passes its function: `parenthesized`
 * (V8 compiles it eagerly) or `bare`. Throws if no `var x = helper(function)` contains the marker.
 */
export function moduleWrapperOf(code: string, marker: string): "parenthesized" | "bare" {
  const program = parse(code, { ecmaVersion: "latest", sourceType: "module", preserveParens: true });
  for (const statement of program.body) {
    if (statement.type !== "VariableDeclaration") continue;
    for (const { init } of statement.declarations) {
      if (init?.type !== "CallExpression" || init.arguments.length !== 1) continue;
      const [argument] = init.arguments;
      if (!argument || !code.slice(argument.start, argument.end).includes(marker)) continue;
      const fn = argument.type === "ParenthesizedExpression" ? argument.expression : argument;
      if (fn.type !== "ArrowFunctionExpression" && fn.type !== "FunctionExpression") continue;
      return argument.type === "ParenthesizedExpression" ? "parenthesized" : "bare";
    }
  }
  throw new Error(`no module wrapper contains ${JSON.stringify(marker)}`);
}
