// The /add form: send it with XMLHttpRequest so a large upload shows its progress, then go where the
// server sends us (the document page), or show its report (errors name each refused file).
// Without JavaScript the form posts as usual.
(function () {
  "use strict";
  var form = document.getElementById("add-form");
  if (!form || !window.FormData || !window.XMLHttpRequest || !window.DOMParser) return;
  var bar = document.getElementById("add-progress");
  var label = document.getElementById("add-progress-label");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    bar.hidden = false;
    bar.value = 0;
    label.textContent = "Sending…";
    xhr.upload.onprogress = function (e) {
      if (!e.lengthComputable) return;
      bar.value = e.loaded / e.total;
      label.textContent = "Sending: " + Math.round(100 * e.loaded / e.total) + "% of " +
        Math.max(1, Math.round(e.total / 1024)) + " KB";
    };
    xhr.upload.onload = function () { label.textContent = "Sent; reading and analysing…"; };
    xhr.onload = function () {
      var landed = xhr.responseURL || "";
      if (landed && landed.indexOf("/add") === -1) {
        window.location.assign(landed);
        return;
      }
      var page = new DOMParser().parseFromString(xhr.responseText, "text/html");
      var main = page.querySelector("main");
      if (main) document.querySelector("main").replaceWith(main);
    };
    xhr.onerror = function () { label.textContent = "The upload failed (network error); try again."; };
    form.querySelector("button[type=submit]").disabled = true;
    xhr.send(new FormData(form));
  });
})();
