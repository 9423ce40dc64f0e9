// Live fragments answer "nothing changed" with 304 Not Modified and no body. htmx would swap
// that empty body in and blank the fragment, so a 304 keeps what is on screen.
document.addEventListener("htmx:beforeSwap", function (event) {
  if (event.detail.xhr.status === 304) {
    event.detail.shouldSwap = false;
  }
});
