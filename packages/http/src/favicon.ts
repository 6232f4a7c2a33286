import { newRoutes } from "./routes.ts";

/** A stoa, the agora's colonnade, in the pages' accent colour: drawn here so no page asks another host for it. */
const faviconSvg =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b5cad"/><path d="M4 13 16 5l12 8z" fill="#fff"/><path d="M7.5 15h3v9h-3zm7 0h3v9h-3zm7 0h3v9h-3zM5 25h22v2.5H5z" fill="#fff"/></svg>';

// The same drawing rasterised once at 32 px by Chromium, as a PNG inside an ICO, for clients that
// ask for /favicon.ico without reading the page's <link rel=icon> (bookmarks, feed readers).
const faviconIco = Uint8Array.from(
  atob(
    "AAABAAEAICAAAAEAIADfAQAAFgAAAIlQTkcNChoKAAAADUlIRFIAAAAgAAAAIAgGAAAAc3p69AAAAZRJREFUeJzslz9LA0EQxd8sh0qiVhHBFLbaxcI/hbVpL4kgxASihZWCtn4A2/QWIsSk8pLYiZ9AtDCdtUUE0UqjGJGMuwdCMLnkLia3TX6wy97swbx53C43BpoIJq00E5sArRBhBn2EGY9yviam8nshkfuNk5rGktasID4mojX4ADNfNZh2PguJB6ECgpD3K7lC5RICZ/Y6mCpuSU0n0AJtC2nHBjShckv3EUEPhCZGkNtbtoda94LKbch5Gh4xF8PIZiKYmhy1n1fnQjg4raB8W4UnZG75DVjs9n1VaTazgNhSuO1+6aYqhdzh5e0LbnEt4G/VTjy/1j250VVAt6qdcOtGRwFuq3bCjRttBfRatROd3GgR8N+qnXByw9MpGAQCmuko4DA+j1oubg+17seeJwF+MBQwFDAUoF2A9qvYaBdUN9ggGE8XW2ICjCfoQuY2pP8V+XcabY4fle7hB3buQOrcJFAJGmBwzO4NA5vWpWxGo/AR2ZRcfOTXTfsYfjd4X9pRh0/I5DUG7ao1NW/oaM9/AAAA///KqBSBAAAABklEQVQDAM0rt/rwsdfJAAAAAElFTkSuQmCC",
  ),
  (ch) => ch.charCodeAt(0),
);

/** `/favicon.svg`, which every page links, and `/favicon.ico`, which browsers try on their own. */
export function faviconRoutes<Deps>() {
  const routes = newRoutes<Deps>();
  routes.get("/favicon.svg", (c) => {
    c.header("Content-Type", "image/svg+xml");
    c.header("Cache-Control", "public, max-age=86400");
    return c.body(faviconSvg);
  });
  routes.get("/favicon.ico", (c) => {
    c.header("Content-Type", "image/x-icon");
    c.header("Cache-Control", "public, max-age=86400");
    return c.body(faviconIco);
  });
  return routes;
}
