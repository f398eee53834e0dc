// A rollup plugin for the CDN bundles. Lit creates its Trusted Types policy
// "lit-html" when its module runs. A page that loads two regiekit bundles (or
// regiekit next to its own copy of Lit) under `trusted-types lit-html` without
// 'allow-duplicates' then throws "Policy with name lit-html already exists" and
// the second bundle stops halfway. Guarded, the second copy runs without a
// policy: the elements the first copy defined keep working (define() leaves
// them alone), and the console says what to add for elements only the second
// copy brings.

const LIT_HTML = /[\\/]node_modules[\\/]lit-html[\\/]lit-html\.js$/;
// Lit's minified `s=t.trustedTypes, e=s?s.createPolicy("lit-html",{createHTML:t=>t}):void 0`.
const CREATE_POLICY = /(\w+)\.createPolicy\("lit-html",(\{createHTML:(\w+)=>\3\})\)/g;

const WARNING =
  "regiekit: this page's Trusted Types policy refused the policy lit-html (a second copy of Lit or regiekit, or lit-html not in trusted-types). Load one regiekit script, or allow lit-html 'allow-duplicates'.";

export function guardLitTrustedTypes() {
  return {
    name: 'guard-lit-trusted-types',
    transform(code, id) {
      if (!LIT_HTML.test(id)) return null;
      const matches = [...code.matchAll(CREATE_POLICY)];
      // A Lit upgrade that changes this line must not silently drop the guard.
      if (matches.length !== 1)
        this.error(
          `expected one createPolicy("lit-html") in ${id}, found ${matches.length}; update scripts/guard-lit-trusted-types.mjs`,
        );
      const guarded = code.replace(
        CREATE_POLICY,
        (_, factory, rules) =>
          `(()=>{try{return ${factory}.createPolicy("lit-html",${rules})}catch{console.warn(${JSON.stringify(WARNING)})}})()`,
      );
      return { code: guarded, map: null };
    },
  };
}
