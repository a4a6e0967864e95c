// In-page probes for bench/run.py, installed before any page script runs.
//
// Timing is taken inside the page, on performance.now() (zero = navigation start), so the
// round trips between Playwright and Chromium do not count. Script runs are read off the
// websocket: a ForwardMsg with field 4 (new_session) starts a run, field 6 (script_finished)
// ends it. This is exact where the status widget alone is not: Streamlit shows that widget
// only once a run has lasted 500 ms, and fades it out over 200 ms. Charts count as drawn when
// each has its .main-svg and nothing inside any chart has changed for a quiet spell; the time
// taken is that of the last change (so a map counts once its shapes are in, not at its frame).
(() => {
  if (window.__bench) return;
  const B = (window.__bench = {
    starts: [], // arrival of each new_session message (a script run begins)
    finishes: [], // arrival of each successful script_finished message
    firstMessage: null,
    input: null, // the first key press or pointer press after arm()
    armedAt: null,
    checks: new Set(),
  });

  const varint = (bytes, i) => {
    let value = 0;
    let scale = 1;
    let byte;
    do {
      byte = bytes[i++];
      value += (byte & 0x7f) * scale;
      scale *= 128;
    } while (byte & 0x80 && i < bytes.length);
    return [value, i];
  };

  // The kind of a ForwardMsg from its top-level fields, without the protobuf schema.
  const kind = (buffer) => {
    const bytes = new Uint8Array(buffer);
    let i = 0;
    while (i < bytes.length) {
      let tag;
      [tag, i] = varint(bytes, i);
      const field = Math.floor(tag / 8);
      const wire = tag % 8;
      if (field === 4) return { start: true };
      if (field === 6) return { finish: true, status: varint(bytes, i)[0] };
      if (wire === 0) [, i] = varint(bytes, i);
      else if (wire === 2) {
        let length;
        [length, i] = varint(bytes, i);
        i += length;
      } else if (wire === 1) i += 8;
      else if (wire === 5) i += 4;
      else return null;
    }
    return null;
  };

  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        const now = performance.now();
        if (B.firstMessage === null) B.firstMessage = now;
        if (!(event.data instanceof ArrayBuffer)) return;
        const message = kind(event.data);
        if (message?.start) B.starts.push(now);
        // 2 is FINISHED_EARLY_FOR_RERUN: that run was replaced, the page is not done.
        if (message?.finish && message.status !== 2) B.finishes.push(now);
        for (const check of B.checks) check();
      });
    }
  };

  const inputKeys = new Set(["Enter", "ArrowRight", "ArrowLeft", "Backspace"]);
  const noteInput = () => {
    if (B.armedAt !== null && B.input === null) B.input = performance.now();
  };
  window.addEventListener("keydown", (e) => inputKeys.has(e.key) && noteInput(), true);
  window.addEventListener("pointerdown", noteInput, true);

  // Plotly draws into the DOM, so the last mutation inside a chart is when charts were last
  // drawn. A chart whose figure did not change is not redrawn, which is right: it is up to date.
  B.lastPlotMutation = 0;
  const plotsObserver = new MutationObserver((records) => {
    for (const record of records) {
      const node = record.target.nodeType === 1 ? record.target : record.target.parentElement;
      const added = record.addedNodes[0];
      if (node?.closest(".js-plotly-plot") || added?.classList?.contains("js-plotly-plot")) {
        B.lastPlotMutation = performance.now();
        return;
      }
    }
  });
  plotsObserver.observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    characterData: true,
  });

  // Before an interaction: start listening for the input that triggers the change.
  B.arm = () => {
    B.input = null;
    B.armedAt = performance.now();
    return B.armedAt;
  };

  // A page's charts are those a person can see: a cold server's first visitors also get a
  // hidden empty chart that preloads Plotly.js (components/preload.py). Every chart, seen or
  // not, must be drawn before a page counts as ready.
  const charts = () => [...document.querySelectorAll(".js-plotly-plot")];
  const seen = (plots) => plots.filter((p) => p.offsetParent !== null);

  B.state = () => {
    const plots = seen(charts());
    const widget = document.querySelector('[data-testid="stStatusWidget"]');
    return {
      plots: plots.length,
      drawn: plots.filter((p) => p.querySelector(".main-svg")).length,
      frames: document.querySelectorAll('[data-testid="stDataFrame"]').length,
      running: !!widget && !/StatusWidget-exit/.test(widget.className),
      stale: document.querySelectorAll('[data-stale="true"]').length,
      exceptions: document.querySelectorAll('[data-testid="stException"]').length,
      starts: B.starts.length,
      finishes: B.finishes.length,
      lastPlotMutation: B.lastPlotMutation,
      path: location.pathname.replace(/^\/+|\/+$/g, ""),
      search: location.search,
    };
  };

  // Ready: a run that began after `since` has finished and no other is under way, no element
  // is stale, the status widget is gone (or fading out), every chart is drawn, the page has
  // its charts (`plots`, seen; `mounted`, seen or not) and tables, and the URL is as expected.
  B.ready = (want) => {
    const lastFinish = B.finishes.at(-1) ?? -1;
    if (lastFinish < want.since || (B.starts.at(-1) ?? -1) > lastFinish) return false;
    if (!document.querySelector('[data-testid="stMain"]')) return false;
    const widget = document.querySelector('[data-testid="stStatusWidget"]');
    if (widget && !/StatusWidget-exit/.test(widget.className)) return false;
    if (document.querySelector('[data-stale="true"]')) return false;
    const plots = charts();
    if (seen(plots).length < want.plots || plots.length < (want.mounted ?? 0)) return false;
    for (const plot of plots) if (!plot.querySelector(".main-svg")) return false;
    if (document.querySelectorAll('[data-testid="stDataFrame"]').length < want.frames) return false;
    if (want.path !== undefined && want.path !== null) {
      if (location.pathname.replace(/^\/+|\/+$/g, "") !== want.path) return false;
    }
    if (want.query) {
      const params = new URLSearchParams(location.search);
      for (const [key, values] of Object.entries(want.query)) {
        if (params.getAll(key).join(",") !== values.join(",")) return false;
      }
    }
    return true;
  };

  // Settled: ready, and no chart drawn for `quiet` ms (a redraw may trail the last message).
  // Resolves with the page time it became so (the later of ready and the last chart drawing),
  // not the end of the quiet spell; `since` null means "from the input noted after arm()".
  // Rejects after `timeout` ms with what the page looked like.
  B.watch = (want, timeout, quiet) =>
    new Promise((resolve, reject) => {
      const since = want.since ?? B.input ?? B.armedAt ?? 0;
      const goal = { ...want, since };
      let readySince = null;
      const observer = new MutationObserver(() => check());
      const interval = setInterval(() => check(), 20);
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`not settled after ${timeout} ms: ${JSON.stringify(B.state())}`));
      }, timeout);
      const stop = () => {
        observer.disconnect();
        clearInterval(interval);
        clearTimeout(timer);
        B.checks.delete(check);
      };
      const check = () => {
        const now = performance.now();
        if (!B.ready(goal)) {
          readySince = null;
          return;
        }
        readySince ??= now;
        const at = Math.max(readySince, B.lastPlotMutation);
        if (now - at < quiet) return;
        stop();
        const starts = B.starts.filter((t) => t >= since);
        resolve({
          since,
          start: starts[0] ?? null,
          end: B.finishes.filter((t) => t >= since)[0] ?? null,
          lastEnd: B.finishes.at(-1),
          at,
          runs: starts.length,
          firstMessage: B.firstMessage,
          now: performance.now(),
        });
      };
      observer.observe(document, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ["data-stale", "class"],
      });
      B.checks.add(check);
      check();
    });
})();
