//! Affine matrices as PDF writes them (`a b c d e f`), and the one that takes a page's
//! user space to the top-left frame runs are given in.

/// `[a b c d e f]`: x' = a·x + c·y + e, y' = b·x + d·y + f.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Matrix(pub [f32; 6]);

impl Matrix {
    /// The identity.
    pub(super) const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// A translation by (tx, ty).
    pub(super) fn translate(tx: f32, ty: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, tx, ty])
    }

    /// `self` applied first, then `then` (PDF's `self × then`).
    pub(super) fn then(&self, then: &Matrix) -> Matrix {
        let [a1, b1, c1, d1, e1, f1] = self.0;
        let [a2, b2, c2, d2, e2, f2] = then.0;
        Matrix([
            a1 * a2 + b1 * c2,
            a1 * b2 + b1 * d2,
            c1 * a2 + d1 * c2,
            c1 * b2 + d1 * d2,
            e1 * a2 + f1 * c2 + e2,
            e1 * b2 + f1 * d2 + f2,
        ])
    }

    /// Where the point (x, y) goes.
    pub(super) fn apply(&self, x: f32, y: f32) -> (f32, f32) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }

    /// How long the vector (x, y) becomes (translation left out).
    pub(super) fn length(&self, x: f32, y: f32) -> f32 {
        let [a, b, c, d, ..] = self.0;
        (a * x + c * y).hypot(b * x + d * y)
    }

    /// Whether every entry is a finite number (a damaged operand can give NaN).
    pub(super) fn is_finite(&self) -> bool {
        self.0.iter().all(|v| v.is_finite())
    }
}

/// The frame a page is shown in: its visible box turned by `/Rotate`, x to the right
/// and y down from the top-left corner, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Frame {
    /// User space → the frame.
    pub to_top: Matrix,
    /// Width as shown.
    pub width: f32,
    /// Height as shown.
    pub height: f32,
}

impl Frame {
    /// The frame of a page whose visible box is `[x0 y0 x1 y1]`, turned clockwise by
    /// `rotate` degrees (a multiple of 90; anything else counts as 0).
    pub(super) fn new(area: [f32; 4], rotate: i64) -> Frame {
        let [x0, y0, x1, y1] = area;
        let (w, h) = (x1 - x0, y1 - y0);
        let (m, width, height) = match rotate.rem_euclid(360) {
            90 => ([0.0, 1.0, 1.0, 0.0, -y0, -x0], h, w),
            180 => ([-1.0, 0.0, 0.0, 1.0, x1, -y0], w, h),
            270 => ([0.0, -1.0, -1.0, 0.0, y1, x1], h, w),
            _ => ([1.0, 0.0, 0.0, -1.0, -x0, y1], w, h),
        };
        Frame {
            to_top: Matrix(m),
            width,
            height,
        }
    }
}
