// Types of elements.mjs, for the TypeScript that reads the list (tests).
export interface ElementEntry {
  name: string;
  className: string;
  budgetKiB?: number;
}
export declare const ELEMENTS: ElementEntry[];
export declare const CDN_BUDGET_KIB: number;
export declare function tagOf(element: ElementEntry): string;
