/**
 * Code evaluation: `Function` (also reached as `fn.constructor`, the usual gadget) and the `vm` compile functions.
 * `eval` is not hooked: replacing the global would turn every direct `eval` in the app into an indirect one (different
 * scope), which changes the app's behaviour.
 */
import vm from 'node:vm';
import { checkCode } from './checks.js';
import { type AnyFunction, isWrapped, wrapFunction, wrapMethod } from './wrap.js';

export function hookCodeEval(): void {
  const OriginalFunction = Function;
  if (!isWrapped(OriginalFunction)) {
    const RaspFunction = wrapFunction(
      OriginalFunction as unknown as AnyFunction,
      // Named like the original, for stack traces and `Function.name`; wrapFunction sets the name anyway.
      function raspFunction(this: unknown, ...args: string[]) {
        if (args.length > 0) checkCode('Function', args.map(String).join('\n'));
        return Reflect.construct(OriginalFunction, args, new.target ?? OriginalFunction);
      },
    );
    Object.defineProperty(OriginalFunction.prototype, 'constructor', {
      value: RaspFunction,
      writable: true,
      configurable: true,
      enumerable: false,
    });
    (globalThis as { Function: unknown }).Function = RaspFunction;
  }
  for (const name of ['runInThisContext', 'runInNewContext', 'runInContext', 'compileFunction']) {
    wrapMethod(
      vm,
      name,
      (original) =>
        function raspVm(this: unknown, code: unknown, ...rest: unknown[]) {
          checkCode(`vm.${name}`, code);
          return original.call(this, code, ...rest);
        },
    );
  }
  const OriginalScript = vm.Script;
  if (!isWrapped(OriginalScript)) {
    class Script extends OriginalScript {
      constructor(code: string, options?: vm.ScriptOptions | string) {
        checkCode('vm.Script', code);
        super(code, options);
      }
    }
    Object.defineProperty(Script, Symbol.for('rampart.rasp.original'), { value: OriginalScript });
    (vm as { Script: typeof vm.Script }).Script = Script;
  }
}
