// almanac serve: reloads the page when a new build is served, and shows the errors of a failed build over the
// page, in the page's language (Chinese, or English on a site whose language is English).
(() => {
  const shown = __GENERATION__; // the build this page came from; 0: nothing had built yet
  const english = /^en(-|$)/i.test(document.documentElement.lang || "");
  const words = english
    ? {
        title: "almanac serve: the site does not build",
        kept: "The last change does not build; the page shows the last good build.",
        none: "Nothing has been built yet: the site has not built once since almanac serve started.",
        fix: "Fix what is listed below and the page reloads by itself.",
        count: (errors, warnings) =>
          [errors && `${errors} error${errors > 1 ? "s" : ""}`, warnings && `${warnings} warning${warnings > 1 ? "s" : ""}`]
            .filter(Boolean)
            .join(", "),
        error: "error",
        warning: "warning",
        help: "help:",
        close: "Close",
      }
    : {
        title: "almanac serve：构建失败",
        kept: "最近一次修改未能构建，页面显示的是上一次成功的构建。",
        none: "站点还没有成功构建过，暂无可显示的页面。",
        fix: "修正下列问题后，页面会自动刷新。",
        count: (errors, warnings) =>
          "共 " + [errors && `${errors} 个错误`, warnings && `${warnings} 个警告`].filter(Boolean).join("，"),
        error: "错误",
        warning: "警告",
        help: "提示：",
        close: "关闭",
      };

  // The overlay lives in a shadow root, so the site's styles cannot reach into it, nor its styles out. It is
  // opaque: the page under it is the last good build, not the one with these errors.
  const STYLE = `
    .panel { box-sizing: border-box; position: fixed; inset: 0; overflow: auto; margin: 0; padding: 24px 32px;
      background: #1e1e24; color: #ececf1; text-align: left;
      font: 15px/1.6 system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; }
    header { display: flex; justify-content: space-between; align-items: baseline; gap: 16px; }
    h1 { margin: 0; font-size: 20px; color: #ff8a8a; }
    button { font: inherit; color: inherit; background: #33333d; border: 1px solid #5a5a66; border-radius: 4px;
      padding: 2px 14px; cursor: pointer; }
    p { margin: 8px 0 0; }
    ol { list-style: none; margin: 20px 0 0; padding: 0; }
    li { margin: 0 0 16px; padding: 12px 16px; background: #28282f; border-left: 4px solid #ff6b6b; border-radius: 4px; }
    li.warning { border-left-color: #e5b344; }
    .message { margin: 0; font-weight: 600; white-space: pre-wrap; overflow-wrap: anywhere; }
    .label { color: #ff8a8a; margin-right: .6em; }
    li.warning .label { color: #e5b344; }
    .where, .code { font: 14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, "Noto Sans Mono CJK SC", monospace; }
    .where { margin: 4px 0 0; color: #a9b6ff; overflow-wrap: anywhere; }
    .code { display: grid; grid-template-columns: max-content max-content; column-gap: 12px; margin: 8px 0 0;
      padding: 8px 12px; overflow-x: auto; background: #16161b; border-radius: 4px; white-space: pre; tab-size: 4; }
    .gutter { color: #7d7d8f; text-align: right; user-select: none; }
    mark { background: #5e2427; color: #ffd6d6; }
    .pad { visibility: hidden; }
    .under { color: transparent; border-top: 2px solid #ff6b6b; }
    .under.empty { color: #ff6b6b; border: 0; }
    .help { color: #8fd6c8; white-space: pre-wrap; overflow-wrap: anywhere; }
    .help .label { color: inherit; margin-right: 0; }
  `;

  const el = (tag, className, ...children) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    // Text only, never HTML: messages quote the sources, which may hold markup.
    for (const child of children) node.append(child);
    return node;
  };

  // The source line with the marked part highlighted, and under it a line that repeats the text before the mark
  // invisibly and then the mark's own text as a bar: the bar starts and ends under the marked characters in any
  // font, however wide CJK characters, tabs or emoji are drawn.
  const code = (line, source) => {
    const { before, marked, after } = source;
    const under = marked ? el("span", "under", marked) : el("span", "under empty", "^");
    return el(
      "div",
      "code",
      el("span", "gutter", String(line)),
      el("span", "line", before, el("mark", null, marked), after),
      el("span", "gutter"),
      el("span", "caret", el("span", "pad", before), under),
    );
  };

  const diagnostic = (d) => {
    const item = el("li", d.severity === "warning" ? "warning" : "error");
    item.append(el("p", "message", el("span", "label", words[d.severity] || words.error), d.message));
    item.append(el("p", "where", d.line ? `${d.path}:${d.line}:${d.column}` : d.path));
    if (d.source) item.append(code(d.line, d.source));
    if (d.help) item.append(el("p", "help", el("span", "label", words.help), d.help));
    return item;
  };

  let host = null;
  let dismissed = null; // the errors the reader closed the overlay on; it comes back when they change

  const hide = () => {
    if (host) {
      host.remove();
      host = null;
    }
  };

  const show = (errors, generation) => {
    const key = JSON.stringify(errors);
    if (key === dismissed) return;
    if (!host) {
      host = document.createElement("almanac-serve-overlay");
      host.style.cssText = "all:initial;position:fixed;inset:0;z-index:2147483647;display:block";
      host.attachShadow({ mode: "open" });
      (document.body || document.documentElement).append(host);
    }
    const errorCount = errors.filter((d) => d.severity !== "warning").length;
    const close = el("button", null, words.close);
    close.type = "button";
    close.addEventListener("click", () => {
      dismissed = key;
      hide();
    });
    const panel = el(
      "section",
      "panel",
      el("header", null, el("h1", null, words.title), close),
      el("p", "lead", generation > 0 ? words.kept : words.none),
      el("p", "fix", words.fix),
      el("p", "count", words.count(errorCount, errors.length - errorCount)),
      el("ol", null, ...errors.map(diagnostic)),
    );
    panel.setAttribute("role", "alert");
    panel.lang = english ? "en" : "zh-CN";
    const style = el("style", null, STYLE);
    host.shadowRoot.replaceChildren(style, panel);
  };

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && host) host.shadowRoot.querySelector("button").click();
  });

  let version = 0;
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
        if (state.errors.length) {
          show(state.errors, state.generation);
        } else {
          dismissed = null;
          hide();
        }
        version = state.version;
      } catch (e) {
        await new Promise((done) => setTimeout(done, 1000)); // the server is restarting or gone
      }
    }
  };
  poll();
})();
