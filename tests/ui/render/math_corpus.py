r"""Formulas as DeepSeek's reasoning models write them: calculus, linear algebra, probability,
physics — in every delimiter they use (``\( \)``, ``$ $``, ``\[ \]``, ``$$ $$``, ```` ```math ````).

Each entry is the formula exactly as written in an answer, delimiters and all; :func:`answer`
weaves them into prose the way an answer does (inline ones inside sentences, display ones on
their own lines), with a few prices in dollars that must stay text.
"""

from __future__ import annotations

INLINE: list[str] = [
    r"\(f(x) = x^2 \sin x\)",
    r"\(f'(x) = 2x\sin x + x^2\cos x\)",
    r"\(\lim_{x \to 0} \frac{\sin x}{x} = 1\)",
    r"\(x \in \mathbb{R}\)",
    r"\(n \in \mathbb{N}\)",
    r"\(\alpha, \beta, \gamma\)",
    r"\(\Delta t \to 0\)",
    r"\(\vec{v} = (v_x, v_y, v_z)\)",
    r"\(\hat{\theta}\)",
    r"\(\bar{x} = \frac{1}{n}\sum_{i=1}^{n} x_i\)",
    r"\(\sigma^2\)",
    r"\(P(A \mid B)\)",
    r"\(X \sim \mathcal{N}(\mu, \sigma^2)\)",
    r"\(\det(A) \neq 0\)",
    r"\(A^{-1}\)",
    r"\(\lambda_1 \geq \lambda_2 \geq \dots \geq \lambda_n\)",
    r"\(\|x\|_2\)",
    r"\(\langle u, v \rangle\)",
    r"\(\nabla \cdot \mathbf{E} = \frac{\rho}{\varepsilon_0}\)",
    r"\(E = mc^2\)",
    r"\(F = ma\)",
    r"\(\omega = 2\pi f\)",
    r"\(\tilde{y}\)",
    r"\(\dot{x}\)",
    r"\(a \to b\)",
    r"\(A \Rightarrow B\)",
    r"\(x \mapsto x^2\)",
    r"\(\mathbb{E}[X]\)",
    r"\(\operatorname{Var}(X)\)",
    r"\(\binom{n}{k}\)",
    "$x^2$",
    "$a_1 * b_2$",
    "$\\sqrt{2}$",
    "$\\frac{1}{2}$",
    "$\\pi \\approx 3.14159$",
    "$e^{i\\pi} + 1 = 0$",
    "$\\log_2 n$",
    "$O(n \\log n)$",
    "$\\int_a^b f(x)\\,dx$",
    "$\\sum_{k=0}^{\\infty} \\frac{x^k}{k!}$",
    "$\\text{if } x > 0$",
    "$\\left(\\frac{a}{b}\\right)^2$",
    "$\\theta \\in [0, 2\\pi)$",
    "$\\mathbf{x}^\\top \\mathbf{y}$",
    "$p \\leq 0.05$",
]

DISPLAY: list[str] = [
    "$$\n\\int_0^\\infty e^{-x^2}\\,dx = \\frac{\\sqrt{\\pi}}{2}\n$$",
    "$$\\frac{d}{dx}\\left( \\frac{1}{1+x^2} \\right) = -\\frac{2x}{(1+x^2)^2}$$",
    "\\[\n\\sum_{n=1}^{\\infty} \\frac{1}{n^2} = \\frac{\\pi^2}{6}\n\\]",
    "\\[\n\\begin{aligned}\n(a+b)^2 &= (a+b)(a+b) \\\\\n&= a^2 + 2ab + b^2\n\\end{aligned}\n\\]",
    "\\[\nA = \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}\n\\]",
    "$$\nB = \\begin{bmatrix} 2 & 0 & 1 \\\\ 0 & 3 & 0 \\\\ 1 & 0 & 2 \\end{bmatrix}\n$$",
    "\\[\n|x| = \\begin{cases} x & \\text{if } x \\geq 0 \\\\ "
    "-x & \\text{if } x < 0 \\end{cases}\n\\]",
    "\\[\n\\boxed{x = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}}\n\\]",
    "$$\n\\underbrace{1 + 1 + \\cdots + 1}_{n \\text{ times}} = n\n$$",
    "\\[ \\det(A - \\lambda I) = 0 \\]",
    "$$\nP(A \\mid B) = \\frac{P(B \\mid A)\\,P(A)}{P(B)}\n$$",
    "\\[\n\\mathbb{E}[X] = \\int_{-\\infty}^{\\infty} x\\, f_X(x)\\,dx\n\\]",
    "\\[\ni\\hbar \\frac{\\partial}{\\partial t}\\Psi = \\hat{H}\\Psi\n\\]",
    "$$\n\\nabla \\times \\mathbf{B} = \\mu_0 \\mathbf{J} + \\mu_0 \\varepsilon_0 "
    "\\frac{\\partial \\mathbf{E}}{\\partial t}\n$$",
    "\\[\n\\lim_{n \\to \\infty} \\left(1 + \\frac{1}{n}\\right)^n = e\n\\]",
    "\\[\n\\oint_C \\mathbf{F} \\cdot d\\mathbf{r} = \\iint_S (\\nabla \\times \\mathbf{F}) "
    "\\cdot d\\mathbf{S}\n\\]",
    "$$\\sqrt[3]{27} = 3$$",
    "\\[\nx_{n+1} = x_n - \\frac{f(x_n)}{f'(x_n)}\n\\]",
    "$$\n\\begin{aligned}\nv(t) &= v_0 + at \\\\\nx(t) &= x_0 + v_0 t + \\tfrac{1}{2}at^2\n"
    "\\end{aligned}\n$$",
    "```math\n\\hat{\\beta} = (X^\\top X)^{-1} X^\\top y\n```",
    "```math\n\\Pr(X = k) = \\binom{n}{k} p^k (1-p)^{n-k}\n```",
    "\\[\n\\vec{a} \\cdot \\vec{b} = \\|\\vec{a}\\|\\,\\|\\vec{b}\\| \\cos\\theta\n\\]",
]

#: Amounts of money: text, never math.
CURRENCY: list[str] = [
    "The basic plan costs $5 and the pro plan $10.",
    "Between $20 and $30 a month, or $1,000 a year.",
    "It was $5.99, now $4.99 — save $1!",
]

#: Formulas the typesetter refuses: shown as their source, with a reason on hover.
BROKEN: list[str] = [
    r"\(\frac{1}{\)",
    r"$\notacommand{x}$",
    "\\[\n\\begin{pmatrix} 1 & 2\n\\]",
]

ALL: list[str] = INLINE + DISPLAY


def answer(inline: list[str] | None = None, display: list[str] | None = None) -> str:
    """An answer weaving the formulas into prose: three inline formulas per sentence pair,
    each display formula after a sentence that introduces it, currency between them."""
    inline = INLINE if inline is None else inline
    display = DISPLAY if display is None else display
    parts: list[str] = []
    for index, formula in enumerate(display):
        group = inline[3 * index : 3 * index + 3]
        if group:
            parts.append(
                "We consider " + ", then ".join(group) + f" in step {index + 1}. "
                + CURRENCY[index % len(CURRENCY)]
            )
        parts.append("It follows that:\n" + formula if index % 2 else formula)
    rest = inline[3 * len(display) :]
    if rest:
        parts.append("Finally " + " and ".join(rest) + ".")
    return "\n\n".join(parts) + "\n"


def delimiters_of(formula: str) -> tuple[str, str]:
    """The opening and closing delimiter of a corpus entry."""
    for opener, closer in (("```math", "```"), ("$$", "$$"), ("\\[", "\\]"), ("\\(", "\\)")):
        if formula.startswith(opener):
            return opener, closer
    return "$", "$"
