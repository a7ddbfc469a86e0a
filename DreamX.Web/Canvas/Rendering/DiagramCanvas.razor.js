// The canvas' browser side. It reports the container's size and previews gestures locally: while a node or the
// background is dragged, the DOM is moved here and .NET only hears the press and the release (one round trip per
// gesture instead of one per pointer move, as the library's own renderer would send). The wheel goes to .NET (zoom).
// Card sizes are fixed by kind and written on each card (data-w, data-h): nothing is measured.

// Interactive content of a card (its buttons, links, players, forms) keeps its own pointer events: a press there
// neither selects nor drags the card.
const IGNORE = 'button, a, input, textarea, select, label, video, audio, [contenteditable], [data-canvas-ignore]';
const CLICK_SLOP = 3;
const disposers = new WeakMap();

export function init(container, dotnet) {
    const world = container.querySelector('.dx-canvas-world');
    let gesture = null;
    let wheelDelta = 0, wheelAt = null, wheelBusy = false;

    // The container's box is read once per gesture: reading it on every move, after the last move wrote a transform,
    // would force a style and layout pass per pointer event.
    const local = (e, r = container.getBoundingClientRect()) => ({ x: e.clientX - r.left, y: e.clientY - r.top });
    const view = () => ({
        zoom: parseFloat(container.dataset.zoom) || 1,
        panX: parseFloat(container.dataset.panX) || 0,
        panY: parseFloat(container.dataset.panY) || 0,
    });
    const boxOf = el => ({ x: parseFloat(el.dataset.x), y: parseFloat(el.dataset.y), w: parseFloat(el.dataset.w), h: parseFloat(el.dataset.h) });

    function onPointerDown(e) {
        if (e.button !== 0 && e.button !== 1) return;
        if (e.target.closest(IGNORE)) return;
        const nodeEl = e.target.closest('[data-node-id]');
        const rect = container.getBoundingClientRect();
        const p = local(e, rect);
        const modifier = e.ctrlKey || e.metaKey || e.shiftKey;
        gesture = { start: p, last: p, rect, pointerId: e.pointerId, moved: false, view: view(), frame: 0 };
        if (nodeEl && e.button === 0) {
            gesture.kind = 'nodes';
            // What a move touches is found here, once: the dragged cards (their boxes as numbers) and their links only.
            gesture.nodes = nodesToDrag(nodeEl, modifier).map(el => ({ el, id: el.dataset.nodeId, ...boxOf(el) }));
            gesture.links = linksOf(gesture.nodes);
        } else if (!nodeEl) {
            gesture.kind = 'pan';
        } else {
            gesture = null;
            return;
        }
        container.setPointerCapture(e.pointerId);
        // Nothing on the container during a drag: a class or an inherited property (the cursor) changed there would
        // restyle every card under it. The dragged cards carry their own look and cursor; a pan moves everything anyway.
        if (gesture.kind === 'pan') container.style.cursor = 'grabbing';
        for (const n of gesture.nodes ?? []) n.el.dataset.lifted = 'true';
        dotnet.invokeMethodAsync('OnPointerDown', nodeEl ? nodeEl.dataset.nodeId : null, p.x, p.y, e.button, e.ctrlKey || e.metaKey, e.shiftKey);
        if (nodeEl) nodeEl.focus({ preventScroll: true });
    }

    // The same rule as the .NET SelectionBehavior: a selected node drags the whole selection.
    function nodesToDrag(nodeEl, modifier) {
        const selected = [...container.querySelectorAll('.dx-node[data-selected="true"]:not(.dx-node-shell)')];
        const isSelected = nodeEl.dataset.selected === 'true';
        if (modifier) return isSelected ? selected.filter(el => el !== nodeEl) : [...selected, nodeEl];
        return isSelected ? selected : [nodeEl];
    }

    // The links with a dragged end, each with its two ends: a dragged card's entry (it moves) or the other card's box
    // (it stays). A link whose other end is not drawn keeps its last box from its hooks.
    function linksOf(nodes) {
        const byId = new Map(nodes.map(n => [n.id, n]));
        const links = [];
        for (const path of container.querySelectorAll('path[data-link-source]')) {
            const s = byId.get(path.dataset.linkSource), t = byId.get(path.dataset.linkTarget);
            if (!s && !t) continue;
            const end = (moving, id) => {
                if (moving) return moving;
                const el = container.querySelector(`.dx-node[data-node-id="${CSS.escape(id)}"]`);
                return el ? boxOf(el) : null;
            };
            const source = end(s, path.dataset.linkSource), target = end(t, path.dataset.linkTarget);
            if (source && target) links.push({ path, source, target });
        }
        return links;
    }

    // A move writes the dragged cards' transforms at once (the card stays under the pointer); their links follow in the
    // next animation frame, once per frame however many moves arrived. Nothing is read back from the DOM.
    function onPointerMove(e) {
        if (!gesture || e.pointerId !== gesture.pointerId) return;
        const p = local(e, gesture.rect);
        gesture.last = p;
        const dx = p.x - gesture.start.x, dy = p.y - gesture.start.y;
        if (!gesture.moved && Math.hypot(dx, dy) < CLICK_SLOP) return;
        gesture.moved = true;
        const v = gesture.view;
        if (gesture.kind === 'pan') {
            world.style.transform = `translate(${v.panX + dx}px, ${v.panY + dy}px) scale(${v.zoom})`;
            container.style.backgroundPosition = `${v.panX + dx}px ${v.panY + dy}px`;
            return;
        }
        for (const n of gesture.nodes) {
            const x = Math.round(n.x + dx / v.zoom), y = Math.round(n.y + dy / v.zoom);
            if (x === n.px && y === n.py) continue;
            n.px = x;
            n.py = y;
            n.el.style.transform = `translate(${x}px, ${y}px)`;
        }
        if (!gesture.frame && gesture.links.length > 0) {
            const g = gesture;
            g.frame = requestAnimationFrame(() => { g.frame = 0; redrawLinks(g.links); });
        }
    }

    function onPointerUp(e) {
        if (!gesture || e.pointerId !== gesture.pointerId) return;
        const g = gesture;
        gesture = null;
        if (g.kind === 'pan') container.style.cursor = '';
        for (const n of g.nodes ?? []) delete n.el.dataset.lifted;
        if (g.frame) {
            cancelAnimationFrame(g.frame);
            redrawLinks(g.links);
        }
        if (container.hasPointerCapture(e.pointerId)) container.releasePointerCapture(e.pointerId);
        const p = g.moved ? local(e, g.rect) : g.start;
        const sent = performance.now();
        dotnet.invokeMethodAsync('OnPointerUp', p.x, p.y).then(() => {
            window.dxCanvasStats = { lastRoundTripMs: performance.now() - sent, kind: g.kind, moved: g.moved };
        });
    }

    function redrawLinks(links) {
        const at = n => ({ x: n.px ?? n.x, y: n.py ?? n.y });
        for (const { path, source: s, target: t } of links) {
            const a = at(s), b = at(t);
            path.setAttribute('d', curve(a.x + s.w, a.y + s.h / 2, b.x, b.y + t.h / 2));
        }
    }

    // Keep in step with LinkModel.Curve.
    function curve(x1, y1, x2, y2) {
        const bend = Math.max(40, Math.abs(x2 - x1) / 2);
        const f = n => Math.round(n * 10) / 10;
        return `M ${f(x1)} ${f(y1)} C ${f(x1 + bend)} ${f(y1)}, ${f(x2 - bend)} ${f(y2)}, ${f(x2)} ${f(y2)}`;
    }

    // The wheel zooms wherever it turns over the canvas, cards' buttons and players included: a card's interactive
    // content keeps its presses, not the wheel (300 cards' buttons would otherwise be as many spots where it does nothing).
    function onWheel(e) {
        e.preventDefault();
        wheelDelta += e.deltaMode === 1 ? e.deltaY * 33 : e.deltaY;
        wheelAt = local(e);
        flushWheel();
    }

    // One wheel call in flight at a time; deltas that arrive meanwhile are added up and sent next.
    function flushWheel() {
        if (wheelBusy || wheelDelta === 0) return;
        const delta = wheelDelta, at = wheelAt;
        wheelDelta = 0;
        wheelBusy = true;
        dotnet.invokeMethodAsync('OnWheel', at.x, at.y, delta).finally(() => { wheelBusy = false; flushWheel(); });
    }

    // Focusing a node far off screen would scroll the clipped container; the view is moved by panning only.
    function onScroll() { container.scrollTop = 0; container.scrollLeft = 0; }

    const resize = new ResizeObserver(entries => {
        for (const entry of entries) {
            const r = entry.contentRect;
            dotnet.invokeMethodAsync('OnResize', r.width, r.height);
        }
    });

    container.addEventListener('pointerdown', onPointerDown);
    container.addEventListener('pointermove', onPointerMove);
    container.addEventListener('pointerup', onPointerUp);
    container.addEventListener('pointercancel', onPointerUp);
    container.addEventListener('wheel', onWheel, { passive: false });
    container.addEventListener('scroll', onScroll);
    resize.observe(container);
    // Automation (tests, scripts): brings a node's card into the drawn window; resolves false for a hidden node.
    container.dxReveal = id => dotnet.invokeMethodAsync('Reveal', id);

    disposers.set(container, () => {
        resize.disconnect();
        container.removeEventListener('pointerdown', onPointerDown);
        container.removeEventListener('pointermove', onPointerMove);
        container.removeEventListener('pointerup', onPointerUp);
        container.removeEventListener('pointercancel', onPointerUp);
        container.removeEventListener('wheel', onWheel);
        container.removeEventListener('scroll', onScroll);
        delete container.dxReveal;
    });
    return containerSize(container);
}

// After a diagram's first drawing (the viewport's cards alone): asks .NET for the rest once the browser has painted
// it and is idle, so the larger second batch does not hold up the first paint.
export function whenIdle(dotnet) {
    const widen = () => dotnet.invokeMethodAsync('Widen').catch(() => { /* the canvas is gone */ });
    if (window.requestIdleCallback) requestIdleCallback(widen, { timeout: 400 });
    else setTimeout(widen, 50);
    return true;
}

export function dispose(container) {
    disposers.get(container)?.();
    disposers.delete(container);
}

export function containerSize(container) {
    const r = container.getBoundingClientRect();
    return { width: r.width, height: r.height };
}
