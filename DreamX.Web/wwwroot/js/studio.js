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

// Gives an element the keyboard once it is on screen (a dialog's content may still be moving into place): tries on
// each frame, for up to a second, until the element has kept the focus for a few frames.
window.dreamx.focusSoon = function (element) {
    if (!element) return;
    let frames = 0, kept = 0;
    const step = () => {
        if (document.activeElement === element) {
            if (++kept >= 3) return;
        } else {
            kept = 0;
            element.focus({ preventScroll: true });
        }
        if (++frames < 60) requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
};
