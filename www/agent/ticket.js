// The demo ticket: picks the requester (?email=), loads the sidebar frame for them, and takes
// what the sidebar inserts into the reply box (as Zendesk's ticket editor would).
(function () {
  "use strict";
  var params = new URLSearchParams(location.search);
  var email = params.get("email") || "marco@example.com";
  var select = document.getElementById("who");
  select.value = email;
  select.addEventListener("change", function () {
    location.search = "?email=" + encodeURIComponent(select.value);
  });
  document.getElementById("requester").textContent = email;
  var frame = document.getElementById("sidebar");
  frame.src = "/agent/frame.html?email=" + encodeURIComponent(email);
  window.addEventListener("message", function (e) {
    if (e.origin !== location.origin || !e.data) return;
    if (e.data.type === "wismo:appendText") {
      var reply = document.getElementById("reply");
      reply.value += (reply.value ? "\n" : "") + e.data.text;
    } else if (e.data.type === "wismo:resize") {
      frame.style.height = e.data.height;
    }
  });
})();
