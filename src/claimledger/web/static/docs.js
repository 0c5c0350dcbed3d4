// Swagger UI from the vendored bundle (no CDN, no inline script).
(function () {
  "use strict";
  var node = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({url: node.getAttribute("data-openapi"), dom_id: "#swagger-ui", deepLinking: true});
}());
