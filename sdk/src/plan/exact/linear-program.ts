/**
 * A small builder for a mixed-integer linear program, written out in the
 * CPLEX LP text format that HiGHS reads. Expressions are maps from variable
 * name to coefficient plus a constant, so a model can be written the way the
 * rules read ("balance after = balance before + growth - payment").
 */
export class Expression {
  readonly terms = new Map<string, number>();
  constant = 0;

  static of(constant = 0): Expression {
    const expression = new Expression();
    expression.constant = constant;
    return expression;
  }

  static variable(name: string, coefficient = 1): Expression {
    return Expression.of().add(name, coefficient);
  }

  add(term: string | Expression | number, coefficient = 1): this {
    if (typeof term === 'number') this.constant += term * coefficient;
    else if (typeof term === 'string') this.terms.set(term, (this.terms.get(term) ?? 0) + coefficient);
    else {
      for (const [name, value] of term.terms) this.add(name, value * coefficient);
      this.constant += term.constant * coefficient;
    }
    return this;
  }

  scaled(factor: number): Expression {
    return Expression.of().add(this, factor);
  }
}

type Sense = '<=' | '>=' | '=';

export class LinearProgram {
  private readonly objective = Expression.of();
  private readonly rows: string[] = [];
  private readonly binaries = new Set<string>();
  private readonly upperBounds = new Map<string, number>();
  private readonly columns = new Set<string>();

  continuous(name: string, upper?: number): string {
    this.columns.add(name);
    if (upper !== undefined) this.upperBounds.set(name, upper);
    return name;
  }

  binary(name: string): string {
    this.columns.add(name);
    this.binaries.add(name);
    return name;
  }

  minimise(expression: Expression): void {
    this.objective.add(expression);
  }

  /** The constant part of the objective, which the LP format cannot carry: add it to the solver's objective value. */
  get objectiveConstant(): number {
    return this.objective.constant;
  }

  require(left: Expression, sense: Sense, right: Expression | number): void {
    const expression = Expression.of().add(left).add(right, -1);
    const terms = [...expression.terms].filter(([, coefficient]) => coefficient !== 0);
    const rhs = -expression.constant;
    if (terms.length === 0) {
      // A constraint on constants only: it must hold already, or the model is wrong.
      const holds = sense === '<=' ? rhs >= -1e-6 : sense === '>=' ? rhs <= 1e-6 : Math.abs(rhs) <= 1e-6;
      if (!holds) throw new Error(`a constant constraint does not hold (0 ${sense} ${rhs})`);
      return;
    }
    this.rows.push(` r${this.rows.length}: ${formatTerms(terms)} ${sense} ${formatNumber(rhs)}`);
  }

  get size(): { columns: number; rows: number; binaries: number } {
    return { columns: this.columns.size, rows: this.rows.length, binaries: this.binaries.size };
  }

  toLpText(): string {
    const objectiveTerms = [...this.objective.terms].filter(([, coefficient]) => coefficient !== 0);
    const bounds = [...this.upperBounds].map(([name, upper]) => ` 0 <= ${name} <= ${formatNumber(upper)}`);
    return [
      'Minimize',
      ` cost: ${objectiveTerms.length > 0 ? formatTerms(objectiveTerms) : `0 ${[...this.columns][0]}`}`,
      'Subject To',
      ...this.rows,
      'Bounds',
      ...bounds,
      ...(this.binaries.size > 0
        ? ['Binaries', ...chunk([...this.binaries], 20).map((names) => ` ${names.join(' ')}`)]
        : []),
      'End',
      '',
    ].join('\n');
  }
}

const formatNumber = (value: number) =>
  Number.isInteger(value) ? String(value) : value.toPrecision(15).replace(/\.?0+$/, '');

// Long rows are broken over lines: the LP format allows it, and some readers limit line length.
const formatTerms = (terms: [string, number][]) =>
  chunk(terms, 8)
    .map((part) =>
      part
        .map(([name, coefficient]) => `${coefficient < 0 ? '-' : '+'} ${formatNumber(Math.abs(coefficient))} ${name}`)
        .join(' '),
    )
    .join('\n   ');

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
