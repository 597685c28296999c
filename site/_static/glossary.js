// The glossary page's filter box: shows the rows whose text contains what is typed.
document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("crm-glossary-filter");
  if (!box) { return; }
  const rows = Array.from(document.querySelectorAll("table tbody tr"));
  const norm = (s) => s.normalize("NFKC").toLowerCase().replace(/[\s\-–—']/g, "");
  const text = rows.map((r) => norm(r.textContent));
  box.addEventListener("input", () => {
    const q = norm(box.value);
    rows.forEach((r, i) => { r.style.display = !q || text[i].includes(q) ? "" : "none"; });
  });
});
