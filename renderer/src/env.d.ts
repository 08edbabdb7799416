// Vite's module types for the renderer (CSS imports).
/// <reference types="vite/client" />
