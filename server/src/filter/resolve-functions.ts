/** Filter functions: `geoDistance(lonA, latA, lonB, latB)` and `strftime(format, [time], ...modifiers)`. */
import type { FilterOperand } from './ast.js';
import type { Operand } from './condition.js';
import { FilterError } from './errors.js';
import type { ResolveContext, ResolvedOperand } from './resolve-context.js';

type ResolveArg = (operand: FilterOperand, ctx: ResolveContext) => ResolvedOperand;

const maxStrftimeArgs = 10;

export function resolveCall(
  call: Extract<FilterOperand, { kind: 'call' }>,
  ctx: ResolveContext,
  resolveArg: ResolveArg,
): Operand {
  const args = call.args;
  const plainArg = (arg: FilterOperand, position: number): Operand => {
    const resolved = resolveArg(arg, ctx);
    if (resolved.kind === 'changed' || resolved.kind === 'list' || resolved.kind === 'call') {
      throw new FilterError(`[${call.name}] unsupported argument ${position}.`);
    }
    const { emailVisibility: _private, ...operand } = resolved as Operand & { emailVisibility?: unknown };
    return operand as Operand;
  };

  switch (call.name) {
    case 'geoDistance': {
      if (args.length !== 4) throw new FilterError(`[geoDistance] expected 4 arguments, got ${args.length}.`);
      return {
        kind: 'call',
        fn: 'geoDistance',
        args: args.map((arg, i) => {
          if (arg.kind !== 'identifier' && arg.kind !== 'number') {
            throw new FilterError(`[geoDistance] argument ${i} must be an identifier or number.`);
          }
          return plainArg(arg, i);
        }),
      };
    }
    case 'strftime': {
      if (args.length < 1) throw new FilterError('[strftime] expected at least 1 argument, got 0.');
      if (args.length > maxStrftimeArgs) {
        throw new FilterError(`[strftime] too many arguments (max allowed ${maxStrftimeArgs}, got ${args.length}).`);
      }
      return {
        kind: 'call',
        fn: 'strftime',
        args: args.map((arg, i) => {
          if (i === 0 && arg.kind !== 'text') {
            throw new FilterError('[strftime] expects the first argument to be a format string.');
          }
          if (i === 1 && arg.kind === 'call') {
            throw new FilterError('[strftime] expects the second argument to be of a valid time-value type.');
          }
          if (i > 1 && arg.kind !== 'text') throw new FilterError(`[strftime] modifier argument ${i} must be a string.`);
          return plainArg(arg, i);
        }),
      };
    }
    default:
      throw new FilterError(`Unknown filter function "${call.name}".`);
  }
}
