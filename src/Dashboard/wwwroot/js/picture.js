// Overlays in picture coordinates (loaded by Motion/Components/PictureFrame).
//
// A live <img> with object-fit: contain shows its picture letterboxed in its box when the two aspect ratios differ.
// fit() keeps an overlay element exactly over the picture itself, so whatever is inside the overlay can be placed in
// fractions of the picture (0-1) with plain percentages: the motion outline, the zones.

const frames = new Map();

/** Keep `frame` over the picture of the <img> in the same box (its parent). */
export function fit(frame) {
    const img = frame.parentElement?.querySelector("img");
    if (!img || frames.has(frame)) return;
    const entry = { img, key: "", size: "", place: () => place(frame, entry) };
    entry.observer = new ResizeObserver(entry.place);
    entry.observer.observe(img);
    // A new frame may have another size. Tiles swap their picture every frame: compare the natural size only (no
    // layout read); the box's own changes come through the observer.
    entry.loaded = () => {
        const size = `${img.naturalWidth}x${img.naturalHeight}`;
        if (size !== entry.size) {
            entry.size = size;
            entry.place();
        }
    };
    img.addEventListener("load", entry.loaded);
    frames.set(frame, entry);
    entry.place();
}

export function release(frame) {
    const entry = frames.get(frame);
    if (!entry) return;
    entry.observer.disconnect();
    entry.img.removeEventListener("load", entry.loaded);
    frames.delete(frame);
}

/** Where a pointer at (clientX, clientY) is on the picture, as [x, y] fractions clamped to 0-1. */
export function fraction(frame, clientX, clientY) {
    frames.get(frame)?.place();
    const r = frame.getBoundingClientRect();
    const clamp = v => Math.min(1, Math.max(0, v));
    return r.width > 0 && r.height > 0 ? [clamp((clientX - r.left) / r.width), clamp((clientY - r.top) / r.height)] : [0, 0];
}

function place(frame, entry) {
    const img = entry.img;
    const [boxWidth, boxHeight] = [img.clientWidth, img.clientHeight];
    const [pictureWidth, pictureHeight] = [img.naturalWidth, img.naturalHeight];
    let [left, top, width, height] = [img.offsetLeft, img.offsetTop, boxWidth, boxHeight];
    const key = `${left},${top},${boxWidth},${boxHeight},${pictureWidth},${pictureHeight}`;
    if (key === entry.key) return;
    entry.key = key;
    if (pictureWidth > 0 && pictureHeight > 0 && boxWidth > 0 && boxHeight > 0 && getComputedStyle(img).objectFit === "contain") {
        const scale = Math.min(boxWidth / pictureWidth, boxHeight / pictureHeight);
        [width, height] = [pictureWidth * scale, pictureHeight * scale];
        [left, top] = [left + (boxWidth - width) / 2, top + (boxHeight - height) / 2];
    }
    Object.assign(frame.style, { left: `${left}px`, top: `${top}px`, width: `${width}px`, height: `${height}px`, right: "auto", bottom: "auto" });
}
