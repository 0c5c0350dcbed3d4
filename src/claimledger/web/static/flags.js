// The flags board: accept or dismiss a flag with POST /api/events/{id}/decisions (bearer token).
(function () {
  "use strict";
  var token = document.getElementById("token");
  var author = document.getElementById("author");
  var note = document.getElementById("note");
  var status = document.getElementById("decider-status");
  if (!token) { return; }
  token.value = sessionStorage.getItem("claimledger-token") || "";
  author.value = sessionStorage.getItem("claimledger-author") || "";
  function say(text) { status.textContent = text; }
  document.querySelectorAll("button.decide").forEach(function (button) {
    button.addEventListener("click", function () {
      var row = button.closest("tr");
      var action = button.getAttribute("data-action");
      if (!token.value || !author.value || !note.value) { say("token, author and note are needed"); return; }
      sessionStorage.setItem("claimledger-token", token.value);
      sessionStorage.setItem("claimledger-author", author.value);
      fetch("/api/events/" + encodeURIComponent(row.getAttribute("data-event")) + "/decisions", {
        method: "POST",
        headers: {"Content-Type": "application/json", "Authorization": "Bearer " + token.value},
        body: JSON.stringify({action: action, target: {flag: row.getAttribute("data-flag")},
                              note: note.value, author: author.value})
      }).then(function (resp) {
        return resp.json().then(function (body) { return {ok: resp.ok, body: body}; });
      }).then(function (res) {
        if (!res.ok) { say("refused: " + (res.body.detail || res.body.error || "error")); return; }
        row.querySelector("td.status").textContent = action === "accept_flag" ? "accepted" : "dismissed";
        say("decision " + res.body.decision + " recorded");
      }).catch(function (err) { say("failed: " + err); });
    });
  });
}());
