// almanac serve: reloads the page when a new build is served, and shows a failed build's error over the page.
(() => {
  const shown = __GENERATION__; // the build this page came from
  let version = 0;
  let overlay = null;
  const show = (text) => {
    if (!overlay) {
      overlay = document.createElement("pre");
      overlay.id = "almanac-serve-error";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText =
        "position:fixed;inset:0;z-index:2147483647;margin:0;padding:2em;overflow:auto;" +
        "background:rgba(20,20,20,.94);color:#f5f5f5;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;" +
        "white-space:pre-wrap;text-align:left";
      document.body.appendChild(overlay);
    }
    // textContent, never innerHTML: the error quotes the source, which may hold markup.
    overlay.textContent =
      "almanac serve: the last change does not build; the page shows the last good build.\n\n" + text;
  };
  const hide = () => {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  };
  const poll = async () => {
    for (;;) {
      try {
        // Long poll: the server answers when its state differs from `version`, or after a while.
        const response = await fetch("__ENDPOINT__?v=" + version, { cache: "no-store" });
        const state = await response.json();
        if (state.generation !== shown) {
          location.reload();
          return;
        }
        state.error ? show(state.error) : hide();
        version = state.version;
      } catch (e) {
        await new Promise((done) => setTimeout(done, 1000)); // the server is restarting or gone
      }
    }
  };
  poll();
})();
