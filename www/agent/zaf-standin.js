// The demo's stand-in for Zendesk's ZAFClient (the agent sidebar's real bridge,
// /demo/zendesk/sidebar.js, runs on it unchanged). It does what Zendesk does for the app:
// names the ticket's requester (from this frame's ?email=&name=), signs each request to the
// proxy with a short-lived agent JWT (fetched from the demo's /demo/agent-token, as Zendesk
// signs with the app's secure setting) and appends inserted text to the mock ticket's reply box.
(function () {
  "use strict";
  var params = new URLSearchParams(location.search);
  var fields = {
    "ticket.requester.email": params.get("email") || "",
    "ticket.requester.name": params.get("name") || "",
    "currentUser.id": 1,
  };
  function token() {
    return fetch("/demo/agent-token")
      .then(function (r) { return r.json(); })
      .then(function (j) { return j.token; });
  }
  var client = {
    get: function (paths) {
      var out = {};
      (Array.isArray(paths) ? paths : [paths]).forEach(function (p) { out[p] = fields[p]; });
      return Promise.resolve(out);
    },
    metadata: function () {
      return Promise.resolve({ settings: { proxy_url: location.origin } });
    },
    request: function (options) {
      return token().then(function (jwt) {
        var headers = { "Content-Type": options.contentType || "application/json" };
        Object.keys(options.headers || {}).forEach(function (k) {
          headers[k] = String(options.headers[k]).replace("{{jwt.token}}", jwt);
        });
        return fetch(options.url, { method: options.type || "GET", headers: headers, body: options.data })
          .then(function (res) {
            return res.text().then(function (text) {
              var answer = { status: res.status, responseText: text };
              if (res.ok) return answer;
              throw answer;
            });
          });
      });
    },
    invoke: function (name, arg) {
      if (name === "ticket.comment.appendText") {
        parent.postMessage({ type: "wismo:appendText", text: String(arg) }, location.origin);
      } else if (name === "resize" && arg && arg.height) {
        parent.postMessage({ type: "wismo:resize", height: String(arg.height) }, location.origin);
      }
      return Promise.resolve({});
    },
  };
  window.ZAFClient = { init: function () { return client; } };
})();
