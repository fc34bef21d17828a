/* RE.MIX web atlas (vanilla JavaScript, ES2017; MapLibre GL JS from vendor/).
 * Everything it shows comes from the publication: data/progetti.json (projects, scheme labels,
 * model headings, the QGIS palette), data/*.geojson, publication.json and strings.json (UI text).
 * Text from the data is always set with textContent, never parsed as HTML. */
(function () {
  "use strict";

  var state = {
    lang: "it", strings: null, data: null, publication: null, lavori: null, comuni: null,
    filters: { search: "", comune: "", zona: "", ambito: "", stato: "" },
    visible: [], current: null, story: null, map: null, ready: false, errors: []
  };
  window.remixAtlas = state; // read by the browser tests

  // -- helpers ------------------------------------------------------------------------------
  function t(key, values) {
    var own = state.strings[state.lang] || {};
    if (values && values.n === 1 && own[key + "_one"] !== undefined) { key += "_one"; }
    var text = own[key];
    if (text === undefined) { text = state.strings.it[key] || key; }
    Object.keys(values || {}).forEach(function (name) { text = text.split("{" + name + "}").join(values[name]); });
    return text;
  }
  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === null || value === undefined || value === false) { return; }
      if (name === "text") { node.textContent = value; }
      else if (name.slice(0, 2) === "on") { node.addEventListener(name.slice(2), value); }
      else { node.setAttribute(name, value === true ? "" : value); }
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) { return; }
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function label(dimension, code) {
    var dim = state.data.labels[dimension];
    if (!dim || !code) { return code || ""; }
    for (var i = 0; i < dim.terms.length; i++) {
      if (dim.terms[i].code === code) { return dim.terms[i][state.lang] || dim.terms[i].it; }
    }
    return code;
  }
  function labels(dimension, codes) {
    return (Array.isArray(codes) ? codes : (codes ? [codes] : [])).map(function (c) { return label(dimension, c); }).join(", ");
  }
  function heading(key) {
    var h = state.data.headings[key];
    return h ? (h[state.lang] || h.it) : key;
  }
  function dimensionName(dimension) {
    var dim = state.data.labels[dimension];
    return dim ? (dim.label[state.lang] || dim.label.it) : dimension;
  }
  function date(text) {
    if (!text) { return ""; }
    var parts = String(text).slice(0, 10).replace(/\//g, "-").split("-");
    if (parts.length !== 3) { return String(text); }
    return state.lang === "it" ? parts[2] + "/" + parts[1] + "/" + parts[0] : parts.join("-");
  }
  function number(value) {
    if (value === null || value === undefined || value === "") { return ""; }
    return Number(value).toLocaleString(state.lang === "it" ? "it-IT" : "en-GB", { maximumFractionDigits: 1 });
  }
  function period(a, b) {
    if (a && b) { return t("from_to", { a: date(a), b: date(b) }); }
    if (a) { return t("from", { a: date(a) }); }
    if (b) { return t("to", { b: date(b) }); }
    return "";
  }
  function byUuid(uuid) {
    var projects = state.data.projects;
    for (var i = 0; i < projects.length; i++) { if (projects[i].uuid === uuid) { return projects[i]; } }
    return null;
  }
  function getJSON(url) {
    return fetch(url, { cache: "no-cache" }).then(function (response) {
      if (!response.ok) { throw new Error(url + ": HTTP " + response.status); }
      return response.json();
    });
  }

  // -- filters and counts ---------------------------------------------------------------------
  function matches(p) {
    var f = state.filters;
    if (f.comune && p.comune_istat !== f.comune) { return false; }
    if (f.zona && p.zona_omogenea !== f.zona) { return false; }
    if (f.ambito && (p.ambito_opportunita || []).indexOf(f.ambito) < 0) { return false; }
    if (f.stato && p.stato_progetto !== f.stato) { return false; }
    if (f.search) {
      var hay = [p.titolo, p.comune, p.descrizione, p.obiettivi, p.ambito_azione_prevalente].join(" ").toLowerCase();
      if (hay.indexOf(f.search.toLowerCase()) < 0) { return false; }
    }
    return true;
  }
  function fillSelect(select, entries, chosen) {
    clear(select);
    select.appendChild(el("option", { value: "", text: t("all") }));
    entries.forEach(function (entry) {
      select.appendChild(el("option", { value: entry[0], text: entry[1], selected: entry[0] === chosen }));
    });
  }
  function present(key) {
    var seen = {};
    state.data.projects.forEach(function (p) {
      var values = Array.isArray(p[key]) ? p[key] : [p[key]];
      values.forEach(function (v) { if (v) { seen[v] = true; } });
    });
    return seen;
  }
  function renderFilters() {
    var f = state.filters;
    var comuni = {};
    state.data.projects.forEach(function (p) { comuni[p.comune_istat] = p.comune; });
    fillSelect(document.getElementById("f-comune"), Object.keys(comuni).map(function (k) { return [k, comuni[k]]; })
      .sort(function (a, b) { return a[1].localeCompare(b[1], "it"); }), f.comune);
    [["f-zona", "zona_omogenea", "zona_omogenea"], ["f-ambito", "ambito_opportunita", "ambito_opportunita"],
     ["f-stato", "stato_progetto", "stato_progetto"]].forEach(function (spec) {
      var seen = present(spec[1]);
      var dim = state.data.labels[spec[2]];
      var entries = (dim ? dim.terms : []).filter(function (term) { return seen[term.code]; })
        .map(function (term) { return [term.code, term[state.lang] || term.it]; });
      fillSelect(document.getElementById(spec[0]), entries, f[spec[1] === "zona_omogenea" ? "zona" :
        spec[1] === "ambito_opportunita" ? "ambito" : "stato"]);
    });
    document.getElementById("f-search").value = f.search;
    document.getElementById("f-search").setAttribute("placeholder", t("search_placeholder"));
  }
  function chart(title, dimension, counter) {
    var dim = state.data.labels[dimension];
    var rows = (dim ? dim.terms : []).filter(function (term) { return counter[term.code]; });
    var max = rows.reduce(function (m, term) { return Math.max(m, counter[term.code]); }, 1);
    var box = el("div", { class: "chart" }, [el("h3", { text: title })]);
    rows.forEach(function (term) {
      var n = counter[term.code];
      box.appendChild(el("div", { class: "bar", role: "img", "aria-label": (term[state.lang] || term.it) + ": " + n }, [
        el("span", { text: term[state.lang] || term.it }),
        el("span", { class: "track" }, [el("span", { class: "fill", style: "display:block;width:" + Math.round(100 * n / max) + "%" })]),
        el("span", { class: "n", text: String(n) })
      ]));
    });
    return box;
  }
  function renderSummary() {
    var visible = state.visible;
    var lavori = visible.reduce(function (n, p) { return n + (p.lavori || []).length; }, 0);
    var comuni = {};
    var zona = {}, ambito = {}, stato = {};
    visible.forEach(function (p) {
      comuni[p.comune_istat] = true;
      zona[p.zona_omogenea] = (zona[p.zona_omogenea] || 0) + 1;
      stato[p.stato_progetto] = (stato[p.stato_progetto] || 0) + 1;
      (p.ambito_opportunita || []).forEach(function (a) { ambito[a] = (ambito[a] || 0) + 1; });
    });
    var counts = document.getElementById("counts");
    counts.textContent = [t("projects_count", { n: visible.length }), t("works_count", { n: lavori }),
      t("comuni_count", { n: Object.keys(comuni).length })].join(" · ");
    counts.setAttribute("data-projects", String(visible.length));
    var charts = document.getElementById("charts");
    clear(charts);
    charts.appendChild(chart(t("by_zona"), "zona_omogenea", zona));
    charts.appendChild(chart(t("by_ambito"), "ambito_opportunita", ambito));
    charts.appendChild(chart(t("by_stato"), "stato_progetto", stato));
  }
  function renderList() {
    var list = document.getElementById("list");
    clear(list);
    if (!state.visible.length) { list.appendChild(el("li", { text: t("no_results") })); }
    state.visible.forEach(function (p) {
      list.appendChild(el("li", {}, [el("button", {
        type: "button", "data-uuid": p.uuid, "aria-current": state.current === p.uuid ? "true" : null,
        "aria-label": t("open_card", { title: p.titolo }),
        onclick: function () { location.hash = "progetto=" + p.uuid; }
      }, [p.titolo, el("span", { class: "where", text: p.comune + " · " + label("stato_progetto", p.stato_progetto) })])]));
    });
  }
  function applyFilters() {
    state.visible = state.data.projects.filter(matches);
    renderSummary();
    renderList();
    if (state.map && state.map.getSource("progetti")) {
      var uuids = state.visible.map(function (p) { return p.uuid; });
      state.map.getSource("progetti").setData(pointsOf(state.visible));
      state.map.setFilter("lavori-fill", ["in", ["get", "progetto_uuid"], ["literal", uuids]]);
      Object.keys(state.data.style.stato).concat(["_other"]).forEach(function (code) {
        var id = "lavori-line-" + code;
        if (state.map.getLayer(id)) { state.map.setFilter(id, lineFilter(code, uuids)); }
      });
    }
  }

  // -- map --------------------------------------------------------------------------------------
  function pointsOf(projects) {
    return { type: "FeatureCollection", features: projects.filter(function (p) { return p.point; }).map(function (p, i) {
      return { type: "Feature", id: i + 1, geometry: { type: "Point", coordinates: p.point },
        properties: { uuid: p.uuid, stato_progetto: p.stato_progetto || "" } };
    }) };
  }
  function lineFilter(code, uuids) {
    var known = Object.keys(state.data.style.stato);
    var own = code === "_other" ? ["!", ["in", ["get", "stato_progetto"], ["literal", known]]]
      : ["==", ["get", "stato_progetto"], code];
    return uuids ? ["all", own, ["in", ["get", "progetto_uuid"], ["literal", uuids]]] : own;
  }
  function extentOf(features) {
    var box = [180, 90, -180, -90];
    function walk(coords) {
      if (typeof coords[0] === "number") {
        box[0] = Math.min(box[0], coords[0]); box[1] = Math.min(box[1], coords[1]);
        box[2] = Math.max(box[2], coords[0]); box[3] = Math.max(box[3], coords[1]);
      } else { coords.forEach(walk); }
    }
    features.forEach(function (f) { if (f.geometry) { walk(f.geometry.coordinates); } });
    return box[0] <= box[2] ? box : [8.7, 45.2, 9.6, 45.7];
  }
  function mapStyle() {
    var style = state.data.style;
    var mm = 96 / 25.4; // QGIS widths are millimetres; one CSS pixel is 1/96 inch
    var sources = {
      comuni: { type: "geojson", data: state.comuni },
      lavori: { type: "geojson", data: state.lavori },
      progetti: { type: "geojson", data: pointsOf(state.data.projects), cluster: true, clusterRadius: 40, clusterMaxZoom: 13 }
    };
    var layers = [{ id: "background", type: "background", paint: { "background-color": "#ffffff" } }];
    var base = state.publication.base_layer;
    if (base && base.url) {
      var tiles = base.type === "wms"
        ? base.url + (base.url.indexOf("?") < 0 ? "?" : "&") + "SERVICE=WMS&REQUEST=GetMap&VERSION=1.3.0&FORMAT=image/png&CRS=EPSG:3857&WIDTH=256&HEIGHT=256&STYLES=&LAYERS=" +
          encodeURIComponent(base.layers || "") + "&BBOX={bbox-epsg-3857}"
        : base.url;
      sources.base = { type: "raster", tiles: [tiles], tileSize: 256, attribution: base.attribution || "" };
      layers.push({ id: "base", type: "raster", source: "base", paint: { "raster-opacity": 0.8 } });
    }
    var zoneMatch = ["match", ["get", "zona_omogenea"]];
    Object.keys(style.zone).forEach(function (code) { zoneMatch.push(code, style.zone[code]); });
    zoneMatch.push("#f0f0f0");
    var fillMatch = ["match", ["get", "intervento_oggetto"]];
    Object.keys(style.intervento).forEach(function (code) { fillMatch.push(code, style.intervento[code]); });
    fillMatch.push(style.fallback);
    layers.push({ id: "comuni-fill", type: "fill", source: "comuni", paint: { "fill-color": zoneMatch, "fill-opacity": base ? 0.35 : 1 } });
    layers.push({ id: "comuni-line", type: "line", source: "comuni", paint: { "line-color": style.comune_boundary, "line-width": 0.6 } });
    layers.push({ id: "lavori-fill", type: "fill", source: "lavori", paint: { "fill-color": fillMatch, "fill-opacity": 0.85 } });
    Object.keys(style.stato).concat(["_other"]).forEach(function (code) {
      var stroke = style.stato[code] || { dash: [1, 0], width_mm: 0.5 };
      layers.push({ id: "lavori-line-" + code, type: "line", source: "lavori", filter: lineFilter(code, null),
        paint: { "line-color": style.outline, "line-width": Math.max(1, stroke.width_mm * mm), "line-dasharray": stroke.dash } });
    });
    layers.push({ id: "lavori-current", type: "line", source: "lavori", filter: ["==", ["get", "progetto_uuid"], ""],
      paint: { "line-color": style.highlight, "line-width": 4 } });
    layers.push({ id: "clusters", type: "circle", source: "progetti", filter: ["has", "point_count"],
      paint: { "circle-color": style.project, "circle-opacity": 0.85, "circle-stroke-color": "#ffffff", "circle-stroke-width": 2,
        "circle-radius": ["interpolate", ["linear"], ["get", "point_count"], 2, 12, 50, 22, 1000, 34] } });
    layers.push({ id: "progetti-point", type: "circle", source: "progetti", filter: ["!", ["has", "point_count"]], maxzoom: 15,
      paint: { "circle-color": style.project, "circle-radius": 7, "circle-stroke-color": "#ffffff", "circle-stroke-width": 2 } });
    return { version: 8, sources: sources, layers: layers };
  }
  function setupMap() {
    var map = new maplibregl.Map({
      container: "map", style: mapStyle(), bounds: extentOf(state.comuni.features), fitBoundsOptions: { padding: 20 },
      maxZoom: state.data.max_zoom || 18, attributionControl: { compact: true }, dragRotate: false
    });
    state.map = map;
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-left");
    map.addControl(new maplibregl.ScaleControl({ unit: "metric" }), "bottom-right");
    map.on("error", function (event) { state.errors.push(String(event && event.error && event.error.message || event)); });
    map.on("click", "clusters", function (event) {
      var feature = event.features[0];
      var source = map.getSource("progetti");
      var done = function (zoom) { map.easeTo({ center: feature.geometry.coordinates, zoom: zoom }); };
      var result = source.getClusterExpansionZoom(feature.properties.cluster_id, function (err, zoom) { if (!err) { done(zoom); } });
      if (result && typeof result.then === "function") { result.then(done, function () { done(map.getZoom() + 2); }); }
    });
    ["progetti-point", "lavori-fill"].forEach(function (layer) {
      map.on("click", layer, function (event) {
        var uuid = event.features[0].properties.uuid;
        if (layer === "lavori-fill") { uuid = event.features[0].properties.progetto_uuid; }
        if (uuid) { location.hash = "progetto=" + uuid; }
      });
      map.on("mouseenter", layer, function () { map.getCanvas().style.cursor = "pointer"; });
      map.on("mouseleave", layer, function () { map.getCanvas().style.cursor = ""; });
    });
    map.on("mouseenter", "clusters", function () { map.getCanvas().style.cursor = "pointer"; });
    map.on("mouseleave", "clusters", function () { map.getCanvas().style.cursor = ""; });
    map.once("load", function () {
      applyFilters();
      route();
      map.once("idle", function () { state.ready = true; document.body.setAttribute("data-ready", "true"); });
    });
  }
  function showOnMap(project, animate) {
    if (!state.map || !project) { return; }
    state.map.setFilter("lavori-current", ["==", ["get", "progetto_uuid"], project.uuid]);
    if (project.bbox) {
      state.map.fitBounds([[project.bbox[0], project.bbox[1]], [project.bbox[2], project.bbox[3]]],
        { padding: { top: 60, bottom: 60, left: 60, right: 460 }, maxZoom: 16, duration: animate ? 1200 : 0 });
    }
  }
  function renderLegend() {
    var legend = document.getElementById("legend");
    clear(legend);
    var style = state.data.style;
    legend.appendChild(el("summary", { text: t("legend") }));
    legend.appendChild(el("h3", { text: t("legend_lavori") }));
    var list = el("ul");
    (state.data.labels.intervento_oggetto ? state.data.labels.intervento_oggetto.terms : []).forEach(function (term) {
      list.appendChild(el("li", {}, [el("span", { class: "swatch", style: "background:" + (style.intervento[term.code] || style.fallback) }),
        term[state.lang] || term.it]));
    });
    legend.appendChild(list);
    legend.appendChild(el("ul", {}, [
      el("li", {}, [el("span", { class: "swatch dot", style: "background:" + style.project }), t("legend_project")]),
      el("li", {}, [el("span", { class: "swatch line" }), t("legend_comuni")])
    ]));
  }

  // -- the card and the story -------------------------------------------------------------
  function definitionList(entries) {
    var dl = el("dl");
    entries.forEach(function (entry) {
      if (!entry[1]) { return; }
      dl.appendChild(el("dt", { text: entry[0] }));
      dl.appendChild(el("dd", { text: entry[1] }));
    });
    return dl;
  }
  function section(title, items) {
    var box = el("section", {}, [el("h3", { text: title })]);
    if (!items.length) { box.appendChild(el("p", { text: t("none") })); return box; }
    box.appendChild(el("ul", {}, items.map(function (text) { return el("li", { text: text }); })));
    return box;
  }
  function sparkline(values) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "60"); svg.setAttribute("height", "14"); svg.setAttribute("aria-hidden", "true");
    var low = Math.min.apply(null, values), high = Math.max.apply(null, values);
    var points = values.map(function (v, i) {
      var x = values.length > 1 ? 2 + i * 56 / (values.length - 1) : 30;
      var y = high === low ? 7 : 12 - (v - low) * 10 / (high - low);
      return x.toFixed(1) + "," + y.toFixed(1);
    }).join(" ");
    var line = document.createElementNS(ns, "polyline");
    line.setAttribute("points", points); line.setAttribute("fill", "none");
    line.setAttribute("stroke", state.data.style.project); line.setAttribute("stroke-width", "1.5");
    svg.appendChild(line);
    return svg;
  }
  // The card's KPI chart (the dock's and the atlas's drawing: monitoring/chart.py): the series in
  // the status colour, baseline grey dashed, target green dashed with a diamond at its date, the
  // planned path dotted from baseline to target. Built here from the published data.
  function svgNode(name, attributes) {
    var node = document.createElementNS("http://www.w3.org/2000/svg", name);
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    return node;
  }
  function dayOf(text) { return text ? Date.parse(String(text).slice(0, 10).replace(/\//g, "-")) / 86400000 : null; }
  function kpiChart(indicator) {
    var colours = state.data.style.kpi || {};
    var series = indicator.misure.filter(function (m) { return m[0] && m[1] !== null && m[1] !== undefined; });
    if (!series.length) { return null; }
    var base = indicator.valore_base, target = indicator.valore_obiettivo;
    var baseDay = dayOf(indicator.data_base), targetDay = dayOf(indicator.data_obiettivo);
    var days = series.map(function (m) { return dayOf(m[0]); }).concat([baseDay, targetDay].filter(function (d) { return d !== null; }));
    var start = Math.min.apply(null, days), end = Math.max.apply(null, days);
    if (end <= start) { start -= 182; end += 182; }
    var values = series.map(function (m) { return Number(m[1]); }).concat([base, target].filter(function (v) { return v !== undefined && v !== null; }));
    var low = Math.min.apply(null, values), high = Math.max.apply(null, values);
    var pad = high > low ? (high - low) * 0.1 : Math.max(Math.abs(high) * 0.1, 1);
    var min = Math.min.apply(null, values);
    low -= pad; high += pad;
    if (min >= 0 && low < 0) { low = 0; }
    var width = 300, height = 96, left = 40, right = width - 10, top = 6, bottom = height - 18;
    function x(day) { return left + (right - left) * (day - start) / (end - start); }
    function y(value) { return bottom - (bottom - top) * (value - low) / (high - low); }
    var colour = colours[indicator.stato] || "#6b7280";
    var status = indicator.stato && state.data.kpi_stati ? (state.data.kpi_stati[indicator.stato] || {})[state.lang] : "";
    var unit = indicator.unita_misura ? " " + indicator.unita_misura : "";
    var alt = t("kpi_chart_alt", { name: indicator.nome, first: date(series[0][0]), last: date(series[series.length - 1][0]),
      base: base === undefined ? t("not_available") : number(base) + unit,
      target: target === undefined ? t("not_available") : number(target) + unit + (indicator.data_obiettivo ? " (" + date(indicator.data_obiettivo) + ")" : ""),
      status: status || "" });
    var svg = svgNode("svg", { class: "kpi-chart", viewBox: "0 0 " + width + " " + height, width: "100%", role: "img",
      "aria-label": alt, "data-status": indicator.stato || "", "font-family": "sans-serif", "font-size": "10" });
    svg.appendChild(svgNode("title", {})).textContent = alt;
    svg.appendChild(svgNode("rect", { x: left, y: top, width: right - left, height: bottom - top, fill: "#ffffff",
      stroke: colours.axis || "#9aa3ab", "stroke-width": "0.8" }));
    var first = new Date(start * 86400000).getUTCFullYear(), last = new Date(end * 86400000).getUTCFullYear();
    var years = [];
    for (var year = first; year <= last; year++) {
      var day = Date.UTC(year, 0, 1) / 86400000;
      if (day >= start && day <= end) { years.push([x(day), String(year)]); }
    }
    var step = Math.max(1, Math.ceil(years.length / 6));
    years.filter(function (_v, i) { return i % step === 0; }).forEach(function (tick) {
      svg.appendChild(svgNode("text", { x: tick[0].toFixed(1), y: bottom + 13, "text-anchor": "middle", fill: "#444" })).textContent = tick[1];
    });
    var references = [base, target].filter(function (v) { return v !== undefined && v !== null; });
    if (references.length < 2 || references[0] === references[1]) {
      references = references.concat([Math.min.apply(null, series.map(function (m) { return Number(m[1]); })),
        Math.max.apply(null, series.map(function (m) { return Number(m[1]); }))]);
    }
    references.filter(function (v, i, all) { return all.indexOf(v) === i; }).forEach(function (v) {
      svg.appendChild(svgNode("text", { x: left - 4, y: (y(v) + 3).toFixed(1), "text-anchor": "end", fill: "#444" })).textContent = number(v);
    });
    if (base !== undefined && base !== null) {
      svg.appendChild(svgNode("line", { class: "kpi-baseline", x1: left, x2: right, y1: y(base).toFixed(1), y2: y(base).toFixed(1),
        stroke: colours.baseline || "#7a7a7a", "stroke-width": "1", "stroke-dasharray": "3 2" }));
    }
    if (target !== undefined && target !== null) {
      svg.appendChild(svgNode("line", { class: "kpi-target", x1: left, x2: right, y1: y(target).toFixed(1), y2: y(target).toFixed(1),
        stroke: colours.target || "#1b7a3a", "stroke-width": "1", "stroke-dasharray": "5 2" }));
      if (targetDay !== null) {
        var tx = x(targetDay), ty = y(target);
        svg.appendChild(svgNode("polygon", { points: [[tx, ty - 4], [tx + 4, ty], [tx, ty + 4], [tx - 4, ty]].map(function (p) { return p[0].toFixed(1) + "," + p[1].toFixed(1); }).join(" "),
          fill: colours.target || "#1b7a3a" }));
        if (base !== undefined && base !== null) {
          var from = baseDay !== null ? baseDay : dayOf(series[0][0]);
          svg.appendChild(svgNode("line", { class: "kpi-planned", x1: x(from).toFixed(1), y1: y(base).toFixed(1), x2: tx.toFixed(1), y2: ty.toFixed(1),
            stroke: colours.target || "#1b7a3a", "stroke-width": "0.8", "stroke-dasharray": "1 2" }));
        }
      }
    }
    var points = series.map(function (m) { return x(dayOf(m[0])).toFixed(1) + "," + y(Number(m[1])).toFixed(1); });
    svg.appendChild(svgNode("polyline", { class: "kpi-series", points: points.join(" "), fill: "none", stroke: colour, "stroke-width": "1.8" }));
    points.forEach(function (p) {
      var xy = p.split(",");
      svg.appendChild(svgNode("circle", { cx: xy[0], cy: xy[1], r: "2.6", fill: colour }));
    });
    return svg;
  }
  function kpiStatus(indicator) {
    if (!indicator.stato || !state.data.kpi_stati) { return null; }
    var parts = [(state.data.kpi_stati[indicator.stato] || {})[state.lang] || indicator.stato];
    if (indicator.quota !== undefined) {
      var share = t("kpi_share", { share: Math.round(indicator.quota * 100) });
      if (indicator.quota_attesa !== undefined && indicator.stato !== "raggiunto") {
        share += " (" + t("kpi_expected", { share: Math.round(indicator.quota_attesa * 100) }) + ")";
      }
      parts.push(share);
    }
    return el("p", { class: "kpi-status", "data-status": indicator.stato, style: "color:" + ((state.data.style.kpi || {})[indicator.stato] || "#6b7280"),
      text: parts.join(" · ") });
  }
  function prioritySection(project) {
    var score = project.priorita;
    if (!score) { return null; }
    var about = state.data.priorita_profilo || { titolo: {}, versione: "" };
    var box = el("section", { class: "priority" }, [el("h3", { text: t("priority") })]);
    // the score as the atlas card prints it (priority.score.score_text, written by publish.py)
    box.appendChild(el("p", { class: "priority-score", text: score.testo[state.lang] || score.testo.it }));
    box.appendChild(el("ul", { class: "priority-parts" }, score.criteri.map(function (part) {
      return el("li", { text: t("priority_part", { label: part.etichetta[state.lang] || part.etichetta.it,
        points: number(part.punti), weight: number(part.peso) }) });
    })));
    box.appendChild(el("p", { class: "priority-profile", text: t("priority_profile", {
      profile: about.titolo[state.lang] || about.titolo.it || "", version: about.versione || "" }) }));
    return box;
  }
  function indicatorItems(project, until) {
    return (project.indicatori || []).map(function (indicator) {
      var series = indicator.misure.filter(function (m) { return !until || m[0] <= until; });
      if (!series.length) { return null; }
      var unit = indicator.unita_misura ? " " + indicator.unita_misura : "";
      var first = series[0], last = series[series.length - 1];
      var text = indicator.nome + ": " + (series.length === 1
        ? number(first[1]) + unit + " (" + date(first[0]) + ")"
        : number(first[1]) + " → " + number(last[1]) + unit + " (" + date(first[0]) + " → " + date(last[0]) + ")");
      if (indicator.valore_obiettivo !== undefined) { text += "; " + t("target") + " " + number(indicator.valore_obiettivo) + unit; }
      var item = el("li", { text: text + " " });
      if (until) {  // the story map's chapter: the values measured by then
        if (series.length > 1) { item.appendChild(sparkline(series.map(function (m) { return Number(m[1]); }))); }
        return item;
      }
      var status = kpiStatus(indicator);
      if (status) { item.appendChild(status); }
      var chart = kpiChart(indicator);
      if (chart) { item.appendChild(chart); }
      return item;
    }).filter(Boolean);
  }
  function cardHeader(project, title) {
    return el("header", {}, [
      el("div", {}, [el("h2", { id: "card-title", text: title }),
        el("p", { class: "where", text: project.comune + (project.zona_omogenea ? " · " + label("zona_omogenea", project.zona_omogenea) : "") })]),
      el("button", { type: "button", class: "close", "aria-label": t("close"), text: "×", onclick: closeCard })
    ]);
  }
  function renderCard(project) {
    var card = document.getElementById("card");
    clear(card);
    card.hidden = false;
    card.setAttribute("data-uuid", project.uuid);
    card.setAttribute("data-mode", "card");
    card.appendChild(cardHeader(project, project.titolo));
    var link = location.href.split("#")[0] + "#progetto=" + project.uuid;
    var actions = el("div", { class: "actions" }, [
      el("a", { href: "#progetto=" + project.uuid, class: "share", text: t("share"), onclick: function (event) {
        if (navigator.clipboard) { event.preventDefault(); navigator.clipboard.writeText(link).then(function () { event.target.textContent = t("copied"); }, function () {}); }
      } })
    ]);
    if ((project.fasi || []).length) {
      actions.appendChild(el("button", { type: "button", id: "story-start", text: t("story"), onclick: function () { startStory(project); } }));
    }
    var programme = programmeOf(project);
    if (programme) {
      actions.appendChild(el("button", { type: "button", id: "programme-story-start", text: t("programme_story"),
        onclick: function () { startProgrammeStory(programme.uuid, 0, project.uuid); } }));
    }
    card.appendChild(actions);
    card.appendChild(el("h3", { text: t("classification") }));
    card.appendChild(definitionList([
      [dimensionName("stato_progetto"), label("stato_progetto", project.stato_progetto)],
      [dimensionName("ambito_opportunita"), labels("ambito_opportunita", project.ambito_opportunita)],
      [dimensionName("finalita"), labels("finalita", project.finalita)],
      [dimensionName("scala_impatto"), label("scala_impatto", project.scala_impatto)],
      [dimensionName("livello_progettuale"), label("livello_progettuale", project.livello_progettuale)],
      [dimensionName("livello_rigenerazione"), label("livello_rigenerazione", project.livello_rigenerazione)],
      [dimensionName("localizzazione"), label("localizzazione", project.localizzazione)],
      [dimensionName("provenienza"), label("provenienza", project.provenienza)],
      [heading("progetti.ambito_azione_prevalente"), project.ambito_azione_prevalente],
      [t("programme"), programme ? programme.titolo : ""],
      [t("dates"), period(project.data_inizio, project.data_fine)],
      [heading("progetti.costo_stimato"), project.costo_stimato ? number(project.costo_stimato) : ""],
      [heading("progetti.cup"), project.cup]
    ]));
    if (project.descrizione) { card.appendChild(el("h3", { text: t("description") })); card.appendChild(el("p", { text: project.descrizione })); }
    if (project.obiettivi) { card.appendChild(el("h3", { text: t("objectives") })); card.appendChild(el("p", { text: project.obiettivi })); }
    card.appendChild(section(heading("lavori"), (project.lavori || []).map(function (w) {
      var parts = [label("intervento_oggetto", w.intervento_oggetto), label("oggetto_fisico", w.oggetto_fisico),
        labels("servizi_realizzati", w.servizi_realizzati), w.superficie_mq ? number(Math.round(w.superficie_mq)) + " m²" : ""];
      return w.titolo + " — " + parts.filter(Boolean).join("; ");
    })));
    card.appendChild(section(heading("azioni"), (project.azioni || []).map(function (a) {
      return a.titolo + " — " + label("tipo_progetto_azione", a.tipo_progetto_azione) + (a.tipo_servizio ? ": " + a.tipo_servizio : "");
    })));
    card.appendChild(section(heading("fasi"), (project.fasi || []).map(function (f) {
      var when = period(f.data_inizio, f.data_fine);
      return f.titolo + " (" + label("stato_fase", f.stato_fase) + ")" + (when ? ", " + when : "") + (f.descrizione ? ": " + f.descrizione : "");
    })));
    card.appendChild(section(heading("progetto_attori"), (project.attori || []).map(function (a) {
      return a.nome + " — " + [label("tipo_attore", a.tipo_attore), label("ruolo_attore", a.ruolo_attore)].filter(Boolean).join(", ");
    })));
    var indicators = el("section", {}, [el("h3", { text: heading("indicatori") })]);
    var items = indicatorItems(project, null);
    indicators.appendChild(items.length ? el("ul", { class: "indicators" }, items) : el("p", { text: t("none") }));
    card.appendChild(indicators);
    var priority = prioritySection(project);
    if (priority) { card.appendChild(priority); }
    if ((project.criticita || []).length) {
      card.appendChild(section(heading("criticita"), project.criticita.map(function (c) {
        return c.titolo + " — " + labels("ambito_criticita", c.ambito_criticita);
      })));
    }
  }
  function openProject(uuid, focus) {
    var project = byUuid(uuid);
    if (!project) { return false; }
    state.current = uuid;
    state.story = null;
    renderCard(project);
    renderList();
    showOnMap(project, true);
    if (focus) { document.getElementById("card").focus(); }
    return true;
  }
  function closeCard() {
    var card = document.getElementById("card");
    card.hidden = true;
    var previous = state.current;
    state.current = null; state.story = null;
    if (state.map) { state.map.setFilter("lavori-current", ["==", ["get", "progetto_uuid"], ""]); }
    if (location.hash) { history.replaceState(null, "", location.pathname + location.search); }
    renderList();
    var button = previous && document.querySelector('#list button[data-uuid="' + previous + '"]');
    if (button) { button.focus(); }
  }
  function startStory(project) {
    state.story = { uuid: project.uuid, index: 0 };
    renderChapter(project);
  }
  function renderChapter(project) {
    var fasi = project.fasi;
    var index = state.story.index;
    var fase = fasi[index];
    var card = document.getElementById("card");
    clear(card);
    card.setAttribute("data-mode", "story");
    card.setAttribute("data-chapter", String(index + 1));
    card.appendChild(cardHeader(project, project.titolo));
    var chapter = el("section", { class: "chapter", "aria-live": "polite" }, [
      el("p", { class: "step", text: t("chapter", { n: index + 1, m: fasi.length }) }),
      el("h3", { id: "chapter-title", text: fase.titolo }),
      el("p", {}, [el("span", { class: "status", text: label("stato_fase", fase.stato_fase) }), " " + period(fase.data_inizio, fase.data_fine)]),
      el("p", { text: fase.descrizione || "" })
    ]);
    var measured = indicatorItems(project, fase.data_fine || new Date().toISOString().slice(0, 10));
    if (measured.length) { chapter.appendChild(el("h3", { text: t("measured_by") })); chapter.appendChild(el("ul", {}, measured)); }
    chapter.appendChild(el("p", { class: "step", text: t("no_phase_lavori") }));
    card.appendChild(chapter);
    card.appendChild(el("div", { class: "actions" }, [
      el("button", { type: "button", id: "story-prev", text: t("previous"), disabled: index === 0,
        onclick: function () { state.story.index -= 1; renderChapter(project); } }),
      el("button", { type: "button", id: "story-next", text: t("next"), disabled: index === fasi.length - 1,
        onclick: function () { state.story.index += 1; renderChapter(project); } }),
      el("button", { type: "button", id: "story-end", text: t("end_story"), onclick: function () { openProject(project.uuid, true); } })
    ]));
    showOnMap(project, true);
    if (state.map) { state.map.once("moveend", function () { state.map.easeTo({ zoom: state.map.getZoom() - index * 0.6, duration: 600 }); }); }
    var next = document.getElementById(index === fasi.length - 1 ? "story-end" : "story-next");
    if (next) { next.focus(); }
  }

  // the programme's story: one chapter per published project of a programma, the map flying to
  // each one's lavori; reachable from the card and by the fragment #programma=<uuid>[&capitolo=N]
  function programmeOf(project) {
    return (state.data.programmi || []).filter(function (g) { return g.uuid === project.programma_uuid; })[0];
  }
  function programmeProjects(uuid) {
    return state.data.projects.filter(function (p) { return p.programma_uuid === uuid; }).sort(function (a, b) {
      return String(a.data_inizio || "9999").localeCompare(String(b.data_inizio || "9999")) || a.titolo.localeCompare(b.titolo, "it");
    });
  }
  function startProgrammeStory(uuid, index, from) {
    var projects = programmeProjects(uuid);
    if (!projects.length) { return false; }
    state.story = { kind: "programme", programma: uuid, index: Math.max(0, Math.min(index, projects.length - 1)), from: from || null };
    renderProgrammeChapter();
    return true;
  }
  function renderProgrammeChapter() {
    var programme = (state.data.programmi || []).filter(function (g) { return g.uuid === state.story.programma; })[0];
    var projects = programmeProjects(state.story.programma);
    var index = state.story.index;
    var project = projects[index];
    state.current = project.uuid;
    history.replaceState(null, "", "#programma=" + programme.uuid + "&capitolo=" + (index + 1));
    var card = document.getElementById("card");
    clear(card);
    card.hidden = false;
    card.setAttribute("data-uuid", project.uuid);
    card.setAttribute("data-mode", "programme");
    card.setAttribute("data-chapter", String(index + 1));
    card.appendChild(el("header", {}, [
      el("div", {}, [el("h2", { id: "card-title", text: programme.titolo }),
        el("p", { class: "where", text: t("programme") + " · " + t("programme_projects", { m: projects.length }) })]),
      el("button", { type: "button", class: "close", "aria-label": t("close"), text: "×", onclick: closeCard })
    ]));
    var chapter = el("section", { class: "chapter", "aria-live": "polite" }, [
      el("p", { class: "step", text: t("programme_chapter", { n: index + 1, m: projects.length }) }),
      el("h3", { id: "chapter-title", text: project.titolo }),
      el("p", { class: "where", id: "chapter-where", text: project.comune + (project.zona_omogenea ? " · " + label("zona_omogenea", project.zona_omogenea) : "") }),
      el("p", {}, [el("span", { class: "status", id: "chapter-status", text: label("stato_progetto", project.stato_progetto) }),
        " " + period(project.data_inizio, project.data_fine)]),
      el("p", { text: project.descrizione || "" }),
      el("p", { class: "step", text: t("programme_lavori", { n: (project.lavori || []).length }) })
    ]);
    if (index === 0 && programme.descrizione) { chapter.insertBefore(el("p", { class: "intro", text: programme.descrizione }), chapter.children[1]); }
    card.appendChild(chapter);
    card.appendChild(el("div", { class: "actions" }, [
      el("button", { type: "button", id: "story-prev", text: t("programme_previous"), disabled: index === 0,
        onclick: function () { state.story.index -= 1; renderProgrammeChapter(); } }),
      el("button", { type: "button", id: "story-next", text: t("programme_next"), disabled: index === projects.length - 1,
        onclick: function () { state.story.index += 1; renderProgrammeChapter(); } }),
      el("button", { type: "button", id: "programme-open", text: t("open_card", { title: project.titolo }),
        onclick: function () { location.hash = "progetto=" + project.uuid; } }),
      el("button", { type: "button", id: "story-end", text: t("end_story"), onclick: function () {
        var back = state.story.from || project.uuid;
        history.replaceState(null, "", "#progetto=" + back);
        openProject(back, true);
      } })
    ]));
    renderList();
    showOnMap(project, true);
    var next = document.getElementById(index === projects.length - 1 ? "story-end" : "story-next");
    if (next) { next.focus(); }
  }

  // -- language, routing, start -----------------------------------------------------------------
  function renderTexts() {
    document.documentElement.lang = state.lang;
    document.title = t("title");
    Array.prototype.forEach.call(document.querySelectorAll("[data-t]"), function (node) { node.textContent = t(node.getAttribute("data-t")); });
    document.getElementById("lang").textContent = t("language");
    document.getElementById("lang").setAttribute("lang", state.lang === "it" ? "en" : "it");
    document.getElementById("lang-name").textContent = t("language_name");
    document.getElementById("map").setAttribute("aria-label", t("map_label"));
    var pub = state.publication;
    document.getElementById("published").textContent = t("published", {
      date: date(pub.published_at), file: pub.source.file || ("PostgreSQL " + pub.source.database), scheme: pub.scheme.name, version: pub.scheme.version });
  }
  function renderAll() {
    renderTexts();
    renderFilters();
    renderLegend();
    applyFilters();
    if (state.story && state.story.kind === "programme") { renderProgrammeChapter(); } else if (state.current) {
      var project = byUuid(state.current);
      if (state.story) { renderChapter(project); } else { renderCard(project); }
    }
  }
  function route() {
    var match = /progetto=([0-9a-fA-F-]{36})/.exec(location.hash);
    if (match) { openProject(match[1].toLowerCase(), false); return; }
    var programme = /programma=([0-9a-fA-F-]{36})(?:&capitolo=([0-9]+))?/.exec(location.hash);
    if (programme && !(state.story && state.story.kind === "programme" && state.story.programma === programme[1].toLowerCase())) {
      startProgrammeStory(programme[1].toLowerCase(), programme[2] ? Number(programme[2]) - 1 : 0, null);
    }
  }
  function bind() {
    document.getElementById("lang").addEventListener("click", function () {
      state.lang = state.lang === "it" ? "en" : "it";
      try { localStorage.setItem("remix-atlas-lang", state.lang); } catch (e) { /* private mode */ }
      renderAll();
    });
    var ids = { "f-comune": "comune", "f-zona": "zona", "f-ambito": "ambito", "f-stato": "stato" };
    Object.keys(ids).forEach(function (id) {
      document.getElementById(id).addEventListener("change", function (event) { state.filters[ids[id]] = event.target.value; applyFilters(); });
    });
    document.getElementById("f-search").addEventListener("input", function (event) { state.filters.search = event.target.value.trim(); applyFilters(); });
    document.getElementById("f-reset").addEventListener("click", function () {
      state.filters = { search: "", comune: "", zona: "", ambito: "", stato: "" };
      renderFilters(); applyFilters();
    });
    window.addEventListener("hashchange", route);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && state.current) { closeCard(); }
      if (state.story && (event.key === "ArrowRight" || event.key === "ArrowLeft") && event.target.tagName !== "INPUT") {
        var button = document.getElementById(event.key === "ArrowRight" ? "story-next" : "story-prev");
        if (button && !button.disabled) { button.click(); }
      }
    });
  }
  function start() {
    Promise.all([getJSON("strings.json"), getJSON("publication.json"), getJSON("data/progetti.json"),
      getJSON("data/lavori.geojson"), getJSON("data/comuni.geojson")]).then(function (all) {
      state.strings = all[0]; state.publication = all[1]; state.data = all[2]; state.lavori = all[3]; state.comuni = all[4];
      var stored = null;
      try { stored = localStorage.getItem("remix-atlas-lang"); } catch (e) { /* private mode */ }
      state.lang = stored === "it" || stored === "en" ? stored : (state.publication.language || "it");
      state.lavori.features.forEach(function (f) { f.properties.uuid = f.properties.uuid || ""; });
      bind();
      renderAll();
      if (window.maplibregl) { setupMap(); } else { state.errors.push("maplibre-gl.js missing"); }
    }).catch(function (error) {
      state.errors.push(String(error));
      document.getElementById("counts").textContent = String(error);
    });
  }
  start();
}());
