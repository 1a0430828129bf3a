/* Replaces the theme's 1.5 MB Font Awesome script (which swaps icon fonts for inline SVG): the
   icons already render from the theme's icon font, and every chapter stays under 2 MB. */
