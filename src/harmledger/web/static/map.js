// The incident map: Natural Earth country borders as a GeoJSON layer (no tile server) and the
// incidents as clustered circles sized by deaths. Every piece of data is put into the page as
// text (textContent), never as HTML, because place names come from hostile articles.
(function () {
  "use strict";
  var el = document.getElementById("map");
  var status = document.getElementById("map-status");
  var map = L.map(el, { worldCopyJump: true, minZoom: 2, maxZoom: 12 }).setView([30, 30], 3);

  function text(tag, value, cls) {
    var node = document.createElement(tag);
    node.textContent = value;
    if (cls) node.className = cls;
    return node;
  }

  function radius(deaths) {
    // Area grows with deaths; a circle for an incident with unknown deaths is still visible.
    return Math.max(8, Math.min(46, 8 + 4 * Math.sqrt(deaths || 0)));
  }

  function incidentsOf(data) {
    // The compact form (format=compact: column names once, one list per incident) or GeoJSON.
    if (!data.columns) {
      return data.features.map(function (f) {
        var p = Object.assign({}, f.properties);
        p.lon = f.geometry.coordinates[0];
        p.lat = f.geometry.coordinates[1];
        return p;
      });
    }
    return data.rows.map(function (row) {
      var p = {};
      data.columns.forEach(function (name, i) { p[name] = row[i]; });
      return p;
    });
  }

  function popup(p) {
    var box = document.createElement("div");
    var link = text("a", (p.event_type || "incident") + " in " + (p.place || "unknown place"));
    link.href = "/incidents/" + encodeURIComponent(p.id);
    box.appendChild(link);
    box.appendChild(text("div", "date: " + (p.date || "unknown")));
    var figs = [p.deaths_low, p.deaths, p.deaths_high].map(function (v) { return v == null ? "?" : v; });
    box.appendChild(text("div", "deaths low/best/high: " + figs.join(" / ")));
    box.appendChild(text("div", "grade: " + (p.grade || "-")));
    return box;
  }

  // A size legend: the circle a given number of deaths gets (the same radius() as the markers).
  var legend = L.control({ position: "bottomleft" });
  legend.onAdd = function () {
    var box = text("div", "", "map-legend");
    box.id = "map-legend";
    box.appendChild(text("div", "deaths", "map-legend-title"));
    [1, 10, 100, 1000].forEach(function (n) {
      var row = text("div", "", "map-legend-row");
      var disc = text("span", "", "map-legend-disc");
      var d = 2 * radius(n);
      disc.style.width = d + "px";
      disc.style.height = d + "px";
      row.appendChild(disc);
      row.appendChild(text("span", String(n), "map-legend-label"));
      box.appendChild(row);
    });
    return box;
  };
  legend.addTo(map);
  // Place names beside the incidents with most deaths (the rest are named in their popups).
  var LABELLED = 15;

  fetch(el.dataset.countries).then(function (r) { return r.json(); }).then(function (topo) {
    var countries = topojson.feature(topo, topo.objects.countries);
    L.geoJSON(countries, {
      style: { color: "#8a8f96", weight: 0.7, fillColor: "#f1efe8", fillOpacity: 1 },
      onEachFeature: function (feature, layer) {
        if (feature.properties && feature.properties.name) {
          // Country names sit in the middle of each country; hidden when zoomed far out (too dense).
          layer.bindTooltip(text("span", feature.properties.name),
            { permanent: true, direction: "center", className: "country-label", interactive: false });
        }
      },
    }).addTo(map).bringToBack();
    el.dataset.borders = "drawn";
    var toggle = function () { el.classList.toggle("labels-off", map.getZoom() < 4); };
    map.on("zoomend", toggle);
    toggle();
  }).catch(function () { status.textContent += " (country borders could not be loaded)"; });

  fetch(el.dataset.incidents, { headers: { Accept: "application/json" } }).then(function (r) {
    if (!r.ok) throw new Error("HTTP " + r.status);
    return r.json();
  }).then(function (data) {
    var cluster = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false });
    var bounds = [];
    var points = incidentsOf(data);
    points.forEach(function (p, n) {
      var d = 2 * radius(p.deaths);
      var latlng = [p.lat, p.lon];
      var marker = L.marker(latlng, {
        icon: L.divIcon({ className: "hl-marker", iconSize: [d, d] }),
        title: (p.place || "incident") + ": " + (p.deaths == null ? "deaths unknown" : p.deaths + " deaths"),
      });
      marker.bindPopup(popup(p));
      if (n < LABELLED && p.place) {
        marker.bindTooltip(text("span", p.place), { permanent: true, direction: "right", className: "place-label",
                                                     offset: [d / 2, 0], interactive: false });
      }
      marker.incidentId = p.id;
      cluster.addLayer(marker);
      bounds.push(latlng);
    });
    map.addLayer(cluster);
    // No animation: the view is final at once (for people, and for screenshots taken by tests).
    if (bounds.length) map.fitBounds(bounds, { padding: [60, 60], maxZoom: 7, animate: false });
    el.dataset.count = String(points.length);
    var msg = points.length + (points.length === 1 ? " incident" : " incidents") + " on the map";
    if (data.total > data.located) msg += "; " + (data.total - data.located) + " without coordinates";
    if (data.truncated) msg += " (the " + points.length + " with most deaths of " + data.located + ")";
    status.textContent = msg + ".";
    el.dataset.ready = "true";
  }).catch(function (err) { status.textContent = "Could not load incidents: " + err.message; });
})();
