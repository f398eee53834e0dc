import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { launchChromium } from './browser.js';
import { startDemoStack, type DemoStack } from './demo-stack.js';
import { newPerson, PageWatch, type Person } from './people.js';

/**
 * One Chromium and one demo stack per test file, and the people of each test:
 * after every test their browser contexts close, the server's clock is set
 * back, and every page they loaded must have run under its strict CSP with
 * nothing blocked.
 */
export function browserSuite() {
  let browser: Browser | undefined;
  let stack: DemoStack | undefined;
  const watch = new PageWatch();
  const people: Person[] = [];

  beforeAll(async () => {
    [browser, stack] = await Promise.all([launchChromium(), startDemoStack()]);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });
  afterEach(async () => {
    if (stack) stack.clock.offset = 0;
    const problems = watch.take();
    await Promise.all(people.splice(0).map((person) => person.context.close()));
    expect(problems).toEqual([]);
  });

  return {
    get browser(): Browser {
      return browser!;
    },
    get stack(): DemoStack {
      return stack!;
    },
    watch,
    /** Someone new: a browser context of their own, with a virtual authenticator. */
    async person(options?: BrowserContextOptions): Promise<Person> {
      const created = await newPerson(browser!, watch, options);
      people.push(created);
      return created;
    },
  };
}
