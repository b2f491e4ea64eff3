/* netlog's own Web Worker stand-in for sites opened from disk (file://).
 *
 * Browsers refuse `new Worker(...)` on file:// pages, and Material's search
 * runs in a worker. Under file:// this script replaces `Worker` with one that
 * runs the worker script in a hidden same-origin iframe and passes messages
 * through, so search works with the site opened as site/index.html. Loaded as
 * a Material polyfill; its file name contains "iframe-worker" so Material's
 * offline plugin, if enabled, does not add its own copy from a CDN.
 * Written for netlog; nothing here is fetched from outside the site.
 */
(function () {
  "use strict";
  if (location.protocol !== "file:" || window.IFrameWorker) return;

  function clone(data) {
    return data === undefined ? data : JSON.parse(JSON.stringify(data));
  }

  function whenBody(fn) {
    if (document.body) fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  class IFrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.onmessage = null;
      this.onerror = null;
      this._ready = false;
      this._queue = [];
      this._url = new URL(url, location.href).href;
      whenBody(() => this._start());
    }

    _start() {
      const frame = document.createElement("iframe");
      frame.setAttribute("aria-hidden", "true");
      frame.setAttribute("tabindex", "-1");
      frame.style.display = "none";
      document.body.appendChild(frame);
      this._frame = frame;
      const win = frame.contentWindow;
      const doc = win.document;
      // what the worker script calls on its global scope
      win.postMessage = (data) => setTimeout(() => this._deliver(clone(data)), 0);
      win.importScripts = (...urls) => urls.reduce(
        (done, src) => done.then(() => new Promise((resolve, reject) => {
          const s = doc.createElement("script");
          s.src = new URL(src, this._url).href;
          s.onload = resolve;
          s.onerror = () => reject(new Error("cannot load " + src));
          doc.head.appendChild(s);
        })), Promise.resolve());
      const script = doc.createElement("script");
      script.src = this._url;
      script.onload = () => {
        this._ready = true;
        for (const data of this._queue.splice(0)) this._send(data);
      };
      script.onerror = () => {
        const event = new Event("error");
        if (this.onerror) this.onerror(event);
        this.dispatchEvent(event);
      };
      doc.head.appendChild(script);
    }

    _send(data) {
      const win = this._frame.contentWindow;
      win.dispatchEvent(new win.MessageEvent("message", { data: clone(data) }));
    }

    _deliver(data) {
      const event = new MessageEvent("message", { data: data });
      if (this.onmessage) this.onmessage(event);
      this.dispatchEvent(event);
    }

    postMessage(data) {
      if (this._ready) this._send(data);
      else this._queue.push(data);
    }

    terminate() {
      if (this._frame) this._frame.remove();
      this._ready = false;
    }
  }

  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;
})();
