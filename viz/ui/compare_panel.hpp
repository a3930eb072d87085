#pragma once
// ComparePanel: two runs side by side on one clock. The side panel shows the headline
// differences (B against A, in total and by crime type); the map area shows either both maps with
// one camera, or one map of the street-by-street difference.
namespace streetwise::viz {

class VizApp;

class ComparePanel {
public:
    void show_controls(VizApp& app);
    void show_maps(VizApp& app);

    bool difference_map = true;  // one difference map; false: A and B side by side
};

}  // namespace streetwise::viz
