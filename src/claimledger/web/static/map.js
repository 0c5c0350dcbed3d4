// The map of events and places: Leaflet over the bundled boundaries (no tile server).
(function () {
  "use strict";
  var node = document.getElementById("map");
  var status = document.getElementById("map-status");
  if (!node || !window.L) { return; }
  var map = L.map(node, {worldCopyJump: true, minZoom: 1}).setView([15, 10], 2);
  var canvas = L.canvas({padding: 0.2});  // boundaries on a canvas; markers stay SVG elements (clickable, testable)
  map.attributionControl.addAttribution("Boundaries: Natural Earth");
  function load(url) {
    return fetch(url).then(function (r) { if (!r.ok) { throw new Error(url + ": " + r.status); } return r.json(); });
  }
  var world = L.geoJSON(null, {style: {color: "#8a9aa8", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1},
                               interactive: false, renderer: canvas}).addTo(map);
  var admin1 = L.geoJSON(null, {style: {color: "#b5aea0", weight: 0.5, fill: false}, interactive: false,
                                renderer: canvas});
  var places = L.layerGroup().addTo(map);
  var events = L.featureGroup().addTo(map);
  L.control.layers(null, {"events": events, "places named": places, "first-level divisions": admin1}).addTo(map);
  load(node.getAttribute("data-world")).then(function (g) { world.addData(g); world.bringToBack(); });
  var admin1Loaded = false;
  function showAdmin1() {
    if (map.getZoom() >= 4 && !admin1Loaded) {
      admin1Loaded = true;
      load(node.getAttribute("data-admin1")).then(function (g) { admin1.addData(g); admin1.addTo(map); });
    }
  }
  map.on("zoomend", showAdmin1);
  load(node.getAttribute("data-places")).then(function (g) {
    g.features.forEach(function (f) {
      var c = f.geometry.coordinates;
      L.circleMarker([c[1], c[0]], {radius: 3, color: "#777", weight: 1, fillOpacity: 0.5, interactive: false,
                                    renderer: canvas})
        .addTo(places);
    });
  }).catch(function () {});
  load(node.getAttribute("data-events")).then(function (g) {
    g.features.forEach(function (f) {
      var p = f.properties, c = f.geometry.coordinates;
      var marker = L.circleMarker([c[1], c[0]], {radius: 6 + Math.min(14, Math.sqrt(p.killed || 0) * 2),
                                                  color: "#a00", weight: 1.5, fillColor: "#e33", fillOpacity: 0.7,
                                                  className: "event-marker"});
      var label = document.createElement("span");
      label.textContent = "event " + p.id + ": " + (p.kind || "happening") + " in " + (p.place || "?") + ", " +
        (p.date || "date unknown") + (p.killed != null ? " — " + p.killed + " killed" : "");
      marker.bindTooltip(label);
      marker.on("click", function () { window.location.href = "/events/" + encodeURIComponent(p.id); });
      marker.addTo(events);
    });
    node.setAttribute("data-markers", String(g.features.length));
    status.textContent = g.features.length + " placed events";
    if (g.features.length) { map.fitBounds(events.getBounds().pad(0.5), {maxZoom: 6}); }
    showAdmin1();
  }).catch(function (err) { status.textContent = "events could not be loaded: " + err; });
}());
