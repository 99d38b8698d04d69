// One polling loop for a view: `work` runs at once and again `ms` after each run ends (never two at a time, so a
// slow server is not asked twice); the function returned asks for a run now (a new offer needs its row at once).
// The loop stops with the component, or when `deps` change (a new loop starts with them).
import { useCallback, useEffect, useRef } from "preact/hooks";

export function usePoll(work: () => Promise<void>, ms: number, deps: unknown[], enabled = true): () => void {
  const poke = useRef(() => {});
  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    let running = false;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      clearTimeout(timer);
      if (running) return;
      running = true;
      try {
        await work();
      } finally {
        running = false;
      }
      if (!stopped) timer = setTimeout(() => void tick(), ms);
    };
    poke.current = () => void tick();
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
      poke.current = () => {};
    };
  }, [...deps, enabled]);
  return useCallback(() => poke.current(), []);
}
