customElements.define("nanit-card", class extends HTMLElement {});
