// Bastama's embed loader, for portals: turns each
//   <div data-bastama-embed="map|fair|ngo|ngos" data-id="…" data-district="…"></div>
// into an iframe of the embed view, and keeps the iframe as tall as its content.
// Every other data-* attribute (lang, district, q, kind, theme, accent, …) goes
// into the view's URL. Height messages are taken only from those iframes and
// only from Bastama's origin.
(() => {
  const script = document.currentScript;
  // The app's base: this script is served at <base>/embed.js.
  const app = new URL('.', script.src);
  const paths = {
    map: () => 'embed/map',
    ngos: () => 'embed/ngos',
    ngo: (id) => `embed/ngo/${encodeURIComponent(id)}`,
    fair: (id) => `embed/fair/${encodeURIComponent(id)}`,
  };
  const frames = new Set();

  function mount(div) {
    const { bastamaEmbed: view, id, title, ...params } = div.dataset;
    const path = paths[view];
    if (!path || ((view === 'ngo' || view === 'fair') && !/^\d+$/.test(id || ''))) {
      console.warn(`Bastama embed: unknown view ${JSON.stringify(view)} or missing data-id`);
      return;
    }
    const url = new URL(path(id), app);
    for (const [name, value] of Object.entries(params)) {
      url.searchParams.set(name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), value);
    }
    const frame = document.createElement('iframe');
    frame.src = url.href;
    frame.title = title || 'Bastama';
    frame.loading = 'lazy';
    frame.style.cssText = 'display:block;width:100%;height:600px;border:0';
    div.replaceChildren(frame);
    frames.add(frame);
  }

  window.addEventListener('message', (event) => {
    const data = event.data;
    if (event.origin !== app.origin || data?.type !== 'bastama:resize') return;
    const height = Number(data.height);
    if (!Number.isFinite(height) || height < 0) return;
    for (const frame of frames) {
      if (frame.contentWindow === event.source) frame.style.height = `${Math.ceil(height)}px`;
    }
  });

  const mountAll = () => document.querySelectorAll('div[data-bastama-embed]').forEach((div) => {
    if (!div.querySelector('iframe')) mount(div);
  });
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', mountAll);
  } else {
    mountAll();
  }
})();
