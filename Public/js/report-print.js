// "Imprimer / PDF" on the Observatory's reports: the browser's print dialog (which also
// saves as PDF), with the print stylesheet. The button is hidden until this script runs.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
