// Small browser helpers the studio's components call through JS interop.
window.dreamx = {
    setCookie: function (name, value, days) {
        const maxAge = days * 24 * 60 * 60;
        document.cookie = `${name}=${encodeURIComponent(value)}; path=/; max-age=${maxAge}; samesite=lax`;
    },
};

// UI tests and automation wait for this before clicking: the circuit is connected and rendering.
window.dreamx.markInteractive = function () {
    document.body.setAttribute('data-interactive', 'true');
};
