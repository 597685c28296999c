// The site's search ranking (html_search_scorer in site/conf.py): Sphinx's default weights,
// plus two boosts, so that a search for a concept lists the chapter that teaches it first:
// lecture pages before exercises and solutions, and pages whose title holds every searched word.
var Scorer = {
  score: (result) => {
    const [docname, title, anchor, , score] = result;
    let boosted = score;
    if (/^notebooks\/\d\d_/.test(docname)) { boosted += 10; }
    const query = (new URLSearchParams(window.location.search).get("q") || "").toLowerCase();
    const words = query.split(/\s+/).filter((w) => w.length > 0);
    if (!anchor && words.length && words.every((w) => title.toLowerCase().includes(w))) {
      boosted += 10;
    }
    return boosted;
  },
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};
