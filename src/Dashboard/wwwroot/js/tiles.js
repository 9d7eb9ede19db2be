// Live camera tiles of the dashboard grid (loaded by Tiles/Components/TileScript.cs).
//
// Frames arrive by one of two transports (option Dashboard:Tiles:Transport, see docs/architecture.md):
//  - "WebSocket": one socket per page (/ws/tiles) carries every tile. The page asks for tile N = camera X,
//    the server sends binary messages: a 16-byte header (tile, generation, capture time) + the JPEG.
//  - "Circuit": the tile's Blazor component calls showFrame() with the JPEG as a byte[] (sent as binary).
// Either way a tile gets its next frame only after this script has shown the previous one (an "ack"
// message, or the promise showFrame returns), so a slow browser skips frames instead of queueing them.
// Tiles out of view or in a hidden tab are stopped on the server, and resumed when visible again.

const HeaderLength = 16;

/** Every watched tile, by its <img> element. */
const tiles = new Map();

/** Socket tiles by tile number (numbers are small and reused: the server allows 0..63). */
const numbered = [];

let observer = null;
let socket = null;
let socketUrl = null;
let reconnectDelay = 500;

/** Watch a camera over the page's tile socket. */
export function watchOverSocket(img, cameraId, path) {
    socketUrl ??= new URL(path, document.baseURI).href.replace(/^http/, "ws");
    let number = numbered.indexOf(undefined);
    if (number < 0) number = numbered.length;
    const tile = newTile(img, { camera: cameraId, number, generation: 0 });
    numbered[number] = tile;
    openSocket();
    observe(tile);
}

/** Watch a camera over the Blazor circuit: the component streams while told the tile is visible. */
export function watchOverCircuit(img, dotnet) {
    observe(newTile(img, { dotnet }));
}

/** Circuit transport: show one frame; the returned promise is the component's go-ahead for the next. */
export async function showFrame(img, bytes, capturedAt) {
    const tile = tiles.get(img);
    if (tile && tile.active) {
        await display(tile, new Blob([bytes], { type: "image/jpeg" }), capturedAt);
    }
}

/** The tile's component is gone. */
export function unwatch(img) {
    const tile = tiles.get(img);
    if (!tile) return;
    setActive(tile, false);
    observer?.unobserve(img);
    tiles.delete(img);
    if (tile.url) URL.revokeObjectURL(tile.url);
    if (tile.number !== undefined) {
        numbered[tile.number] = undefined;
        while (numbered.length && numbered[numbered.length - 1] === undefined) numbered.pop();
        if (numbered.length === 0) closeSocket();
    }
}

export function toggleFullscreen(element) {
    return document.fullscreenElement ? document.exitFullscreen() : element.requestFullscreen();
}

function newTile(img, fields) {
    const tile = { img, active: false, intersecting: false, full: false, url: null, frames: 0, ageTotal: 0, ...fields };
    tiles.set(img, tile);
    return tile;
}

// ---- Visibility: only tiles in view, in a visible tab, receive frames. ----

function observe(tile) {
    observer ??= new IntersectionObserver(entries => {
        for (const entry of entries) {
            const t = tiles.get(entry.target);
            if (t) {
                t.intersecting = entry.isIntersecting;
                update(t);
            }
        }
    });
    observer.observe(tile.img);
}

document.addEventListener("visibilitychange", () => tiles.forEach(update));

// A full-screen tile switches to the camera's full-size frames.
document.addEventListener("fullscreenchange", () => tiles.forEach(tile => {
    const full = !!document.fullscreenElement?.contains(tile.img);
    if (full !== tile.full) {
        tile.full = full;
        if (tile.active) {
            setActive(tile, false);
            update(tile);
        }
    }
}));

function update(tile) {
    setActive(tile, tile.intersecting && document.visibilityState !== "hidden");
}

function setActive(tile, active) {
    if (tile.active === active) return;
    tile.active = active;
    if (tile.dotnet) {
        tile.dotnet.invokeMethodAsync("SetView", active, tile.full).catch(() => { /* circuit gone */ });
    } else if (active) {
        tile.generation = (tile.generation + 1) >>> 0;
        // The tile's width in device pixels picks the nearest preview size the camera offers.
        const width = Math.round(tile.img.clientWidth * (window.devicePixelRatio || 1));
        send({ op: "show", tile: tile.number, camera: tile.camera, gen: tile.generation, full: tile.full, width });
    } else {
        send({ op: "hide", tile: tile.number });
    }
}

// ---- Showing a frame: object URL on the <img>, previous URL revoked once the new one is decoded. ----

async function display(tile, blob, capturedAt) {
    const previous = tile.url;
    tile.url = URL.createObjectURL(blob);
    tile.img.src = tile.url;
    try {
        await tile.img.decode();
    } catch {
        // A broken JPEG: keep going with the next frame.
    }
    if (previous) URL.revokeObjectURL(previous);
    // Counters for tests and the benchmark: frames shown, and how old they were when shown.
    const age = Date.now() - capturedAt;
    tile.frames++;
    tile.ageTotal += age;
    tile.img.dataset.frames = tile.frames;
    tile.img.dataset.ageMs = Math.round(age);
    tile.img.dataset.ageTotalMs = Math.round(tile.ageTotal);
}

// ---- The tile socket (WebSocket transport). ----

function openSocket() {
    if (socket) return;
    const ws = new WebSocket(socketUrl);
    ws.binaryType = "arraybuffer";
    socket = ws;
    ws.onopen = () => {
        reconnectDelay = 500;
        // Ask again for every tile in view (also after a reconnect).
        for (const tile of numbered) {
            if (tile?.active) {
                tile.active = false;
                update(tile);
            }
        }
    };
    ws.onmessage = event => receive(event.data);
    ws.onclose = () => {
        if (socket !== ws) return;
        socket = null;
        numbered.forEach(tile => { if (tile) tile.active = false; });
        // The server went away (restart, network): try again while tiles still want frames.
        if (numbered.length) {
            setTimeout(() => { if (!socket && numbered.length) { openSocket(); numbered.forEach(t => t && update(t)); } }, reconnectDelay);
            reconnectDelay = Math.min(reconnectDelay * 2, 10000);
        }
    };
}

function closeSocket() {
    const ws = socket;
    socket = null;
    ws?.close(1000, "no tiles");
}

function send(message) {
    if (socket?.readyState === WebSocket.OPEN) {
        socket.send(JSON.stringify(message));
    }
    // Not open yet: onopen asks for every active tile.
}

async function receive(data) {
    if (!(data instanceof ArrayBuffer) || data.byteLength < HeaderLength) return;
    const header = new DataView(data, 0, HeaderLength);
    const number = header.getUint32(0, true);
    const generation = header.getUint32(4, true);
    const capturedAt = header.getFloat64(8, true);
    const tile = numbered[number];
    // A frame for a tile that was hidden or re-asked since: drop it (the server has moved on too).
    if (!tile || !tile.active || tile.generation !== generation) return;
    await display(tile, new Blob([new Uint8Array(data, HeaderLength)], { type: "image/jpeg" }), capturedAt);
    if (tile.active && tile.generation === generation) {
        send({ op: "ack", tile: number });
    }
}
