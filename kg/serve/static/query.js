// The query page: YASGUI (vendored in /static/yasgui/) on this server's /sparql endpoint, one tab
// per shipped competency query. Nothing is fetched from any other host: the LOV-backed
// autocompleters (class, property) are switched off, prefixes come from the bundled list.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("unkg-queries").textContent);
  var endpoint = new URL(data.endpoint, window.location.href).toString();
  var keep = ["prefixes", "variables"];
  var completers = Yasgui.Yasqe.defaults.autocompleters;
  for (var i = completers.length - 1; i >= 0; i--) {
    if (keep.indexOf(completers[i]) < 0) completers.splice(i, 1);
  }
  Yasgui.Yasqe.defaults.prefixCcApi = null;
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    corsProxy: undefined,
    endpointCatalogueOptions: {
      getData: function () { return [{ endpoint: endpoint }]; },
      keys: [],
    },
    yasqe: { prefixCcApi: null },
  });
  var queries = data.queries;
  if (!queries.length) return;
  var first = yasgui.getTab();
  first.setName(queries[0].name);
  first.setQuery(queries[0].text);
  for (var j = 1; j < queries.length; j++) {
    yasgui.addTab(false, {
      name: queries[j].name,
      yasqe: { value: queries[j].text },
      requestConfig: { endpoint: endpoint },
    });
  }
})();
