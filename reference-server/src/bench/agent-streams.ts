/**
 * An agent console's live feed (Server-Sent Events) read over real HTTP, as
 * the console page reads it: benchmarks hold hundreds of these open and time
 * when a caller's row arrives on each.
 */
export interface ConsoleStream {
  /** Resolves when the snapshot, the first event of every connection, has arrived. */
  ready: Promise<void>;
  close(): void;
}

export function openConsoleStream(
  origin: string,
  cookie: string,
  onCallAdded: (callId: string, at: number) => void = () => undefined,
  tenant = 'nijmegen',
): ConsoleStream {
  const abort = new AbortController();
  let snapshotArrived!: () => void;
  let failed!: (error: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    snapshotArrived = resolve;
    failed = reject;
  });
  void (async () => {
    const response = await fetch(`${origin}/api/v1/${tenant}/console/events`, {
      headers: { Cookie: cookie },
      signal: abort.signal,
    });
    if (response.status !== 200 || !response.body) throw new Error(`console stream answered ${response.status}`);
    const decoder = new TextDecoder();
    let buffer = '';
    const reader = response.body.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      // Timed as the bytes arrive, before any parsing of ours.
      const at = performance.now();
      buffer += decoder.decode(chunk.value, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.includes('event: snapshot')) snapshotArrived();
        const added = /"type":"call-added".*?"callId":"([\w-]+)"/.exec(block);
        if (added) onCallAdded(added[1]!, at);
      }
    }
  })().catch((error: Error) => {
    if (!abort.signal.aborted) failed(error);
  });
  return { ready, close: () => abort.abort() };
}
