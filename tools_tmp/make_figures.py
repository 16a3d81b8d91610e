import csv
F=[]
def f(fid,area,level,metric,period,start,end,term,value,qual,unit,num,den,src,quote,note="",conf=""):
    F.append(dict(figure_id=fid,area=area,area_level=level,metric=metric,period=period,period_start=start,period_end=end,term=term,value=value,qualifier=qual,unit=unit,numerator=num,denominator=den,source_id=src,quote=quote,note=note,confidence=conf))
# --- 000 Bắc Kạn (MOHA portal, 11/01/2023)
f("bkn23-01","Bắc Kạn","province","rotations_total","2009-2022","2009-04-27","2023-01-11","",11,"=","officials","","","bkn23","tỉnh Bắc Kạn đã bố trí được 11 cán bộ, công chức luân chuyên, tăng cường","Cán bộ luân chuyển, tăng cường theo QĐ 70/2009/QĐ-TTg, đến khi đăng bài (officials rotated or reinforced under Decision 70/2009, by the date of posting); 'luân chuyên' is the article's spelling")
f("bkn23-02","Bắc Kạn","province","young_intellectuals_sent","2009-2022","2009-04-27","2023-01-11","",182,"=","people","","","bkn23","182 trí thức trẻ tình nguyện về công tác tại các xã thuộc huyện nghèo Ba Bể, Pác Nặm và Ngân Sơn","Trí thức trẻ về các xã của 3 huyện nghèo (young intellectuals sent to communes of 3 poor districts)")
f("bkn23-03","Việt Nam","country","poor_districts_30a","2008","2008-12-27","2009-04-27","",61,"=","districts","","","bkn23","các xã thuộc 61 huyện nghèo theo Nghị quyết số 30a/2008/NQ-CP","Số huyện nghèo theo NQ 30a/2008 (poor districts under Resolution 30a/2008)")
# --- 001 Điện Biên (ĐBP, 10/05/2017)
q="Trong nhiệm kỳ 2010 - 2015, toàn huyện đã luân chuyển 18 cán bộ, trong đó, 7 cán bộ huyện được luân chuyển về giữ các chức vụ chủ chốt ở xã; 11 cán bộ huyện được điều động từ ngành này sang ngành khác"
f("dbp17-01","Điện Biên","district","rotations_total","2010-2015","2010-07-01","2015-06-30","2010-2015",18,"=","officials","","","dbp17","Trong nhiệm kỳ 2010 - 2015, toàn huyện đã luân chuyển 18 cán bộ")
f("dbp17-02","Điện Biên","district","rotations_district_to_commune","2010-2015","2010-07-01","2015-06-30","2010-2015",7,"=","officials","","","dbp17","7 cán bộ huyện được luân chuyển về giữ các chức vụ chủ chốt ở xã")
f("dbp17-03","Điện Biên","district","rotations_cross_sector","2010-2015","2010-07-01","2015-06-30","2010-2015",11,"=","officials","","","dbp17","11 cán bộ huyện được điều động từ ngành này sang ngành khác")
f("dbp17-04","Nà Tấu","commune","poverty_rate","đầu năm 2017","2017-01-01","2017-03-31","",38.5,"=","percent","","","dbp17","tỷ lệ hộ nghèo đến đầu năm 2017 giảm xuống còn 38,5%")
f("dbp17-05","Nà Tấu","commune","poverty_rate_fall","2015 → đầu năm 2017","2015-01-01","2017-03-31","",2,">","points","","","dbp17","giảm hơn 2% so với năm 2015","Giảm hơn 2 điểm phần trăm so với năm 2015, qua lần đổi chuẩn nghèo 2015/2016 (a fall of more than 2 points since 2015, across the 2015/2016 change of poverty standard)")
f("dbp17-06","Nà Tấu","commune","ntm_criteria_met","đầu năm 2017","2017-01-01","2017-03-31","",8,"=","criteria","","","dbp17","đạt 8 tiêu chí quốc gia về xây dựng nông thôn mới","Bài không nêu tổng số tiêu chí (the article gives no total of criteria)")
# --- 002 Bắc Hà (Báo Lào Cai, xuân 2025)
f("blc25-01","Hoàng Thu Phố","commune","poverty_rank_in_province","khi anh Cường về xã","","2021-12-31","2020-2025",10,"<=","rank","","","blc25","Đây là 1 trong 10 xã nghèo nhất tỉnh","Một trong 10 xã nghèo nhất tỉnh Lào Cai khi anh Cường về xã, trước 2022 (one of the 10 poorest communes of the province when he arrived, before 2022)")
f("blc25-02","Hoàng Thu Phố","commune","ntm_criteria_met","khi anh Cường về xã","","2021-12-31","2020-2025",7,"=","criteria",7,19,"blc25","mới đạt 7/19 tiêu chí xã nông thôn mới")
f("blc25-03","Hoàng Thu Phố","commune","poor_and_near_poor_rate","khi anh Cường về xã","","2021-12-31","2020-2025",90,">","percent","","","blc25","tỷ hộ nghèo và cận nghèo còn hơn 90%","Hộ nghèo và cận nghèo cộng lại (poor and near-poor households together)")
f("blc25-04","Hoàng Thu Phố","commune","villages","khi anh Cường về xã","","2021-12-31","2020-2025",7,"=","villages","","","blc25","đến tất cả 7 thôn")
f("blc25-05","Hoàng Thu Phố","commune","fruit_tree_area","xuân 2025","2025-01-01","2025-03-31","2020-2025",147.8,"=","ha","","","blc25","Hoàng Thu Phố có 147,8 ha cây ăn quả")
f("blc25-06","Hoàng Thu Phố","commune","plum_area","xuân 2025","2025-01-01","2025-03-31","2020-2025",55,"=","ha","","","blc25","55 ha mận các loại")
f("blc25-07","Hoàng Thu Phố","commune","pear_area","xuân 2025","2025-01-01","2025-03-31","2020-2025",92.8,"=","ha","","","blc25","92,8 ha lê Tai nung")
f("blc25-08","Hoàng Thu Phố","commune","medicinal_area","xuân 2025","2025-01-01","2025-03-31","2020-2025",8,"≈","ha","","","blc25","gần 8 ha cây dược liệu cát cánh, mạch môn","gần 8 ha (nearly 8 ha)")
f("blc25-09","Hoàng Thu Phố","commune","vegetable_area","xuân 2025","2025-01-01","2025-03-31","2020-2025",20,"=","ha","","","blc25","20 ha rau hàng hóa")
f("blc25-10","Hoàng Thu Phố","commune","poverty_rate","xuân 2025 (hiện nay)","2025-01-01","2025-03-31","2020-2025",65.87,"=","percent","","","blc25","hiện tỷ lệ hộ nghèo của xã chỉ còn 65,87%","Tỷ lệ hiện hành khi đăng bài, xuân 2025 (current at publication, spring 2025)")
f("blc25-11","Hoàng Thu Phố","commune","near_poverty_rate","xuân 2025 (hiện nay)","2025-01-01","2025-03-31","2020-2025",17.57,"=","percent","","","blc25","hộ cận nghèo còn 17,57%","Tỷ lệ hiện hành khi đăng bài, xuân 2025 (current at publication, spring 2025)")
f("blc25-12","Lùng Phình","commune","poverty_rate","2021","2021-01-01","2021-12-31","2020-2025",68,">","percent","","","blc25","tỷ lệ hộ nghèo hơn 68%","Khi anh Sơn nhận công tác năm 2021 (when he took up the post in 2021)")
f("blc25-13","Lùng Phình","commune","maize_converted_area","2021-2023 (sau gần 2 năm)","2021-01-01","2023-12-31","2020-2025",5,"=","ha","","","blc25","người dân đã chuyển 5 ha đất trồng ngô sang trồng cây ăn quả và cây dược liệu","Sau gần 2 năm (after nearly 2 years)")
f("blc25-14","Lùng Phình","commune","fruit_tree_area","xuân 2025","2025-01-01","2025-03-31","2020-2025",200,">","ha","","","blc25","xã có hơn 200 ha cây ăn quả")
f("blc25-15","Lùng Phình","commune","vegetable_area","xuân 2025","2025-01-01","2025-03-31","2020-2025",3,"=","ha","","","blc25","3 ha rau chuyên canh")
f("blc25-16","Lùng Phình","commune","medicinal_area","xuân 2025","2025-01-01","2025-03-31","2020-2025",5,"≈","ha","","","blc25","gần 5 ha cây dược liệu","gần 5 ha (nearly 5 ha)")
f("blc25-17","Lùng Phình","commune","income_per_ha","xuân 2025","2025-01-01","2025-03-31","2020-2025",200,">","million_vnd_per_ha_year","","","blc25","thu nhập hơn 200 triệu đồng/ha/năm","Cây ăn quả, cây dược liệu (fruit trees and medicinal plants)")
f("blc25-18","Bắc Hà","district","rotations_total","2020-2025 (từ đầu nhiệm kỳ đến xuân 2025)","2020-07-01","2025-03-31","2020-2025",54,"=","officials","","","blc25","Bắc Hà đã có 54 lượt cán bộ được sắp xếp luân chuyển","Lượt luân chuyển từ đầu nhiệm kỳ đến khi đăng bài (rotations from the start of the term to publication)")
f("blc25-19","Bắc Hà","district","rotations_cross_sector","2020-2025 (từ đầu nhiệm kỳ đến xuân 2025)","2020-07-01","2025-03-31","2020-2025",17,"=","officials","","","blc25","từ ngành này sang ngành khác có 17 người")
f("blc25-20","Bắc Hà","district","rotations_district_to_commune","2020-2025 (từ đầu nhiệm kỳ đến xuân 2025)","2020-07-01","2025-03-31","2020-2025",15,"=","officials","","","blc25","từ huyện về xã có 15 người")
f("blc25-21","Bắc Hà","district","rotations_commune_to_district","2020-2025 (từ đầu nhiệm kỳ đến xuân 2025)","2020-07-01","2025-03-31","2020-2025",8,"=","officials","","","blc25","từ xã, thị trấn về huyện có 8 người")
f("blc25-22","Bắc Hà","district","rotations_commune_to_commune","2020-2025 (từ đầu nhiệm kỳ đến xuân 2025)","2020-07-01","2025-03-31","2020-2025",14,"=","officials","","","blc25","từ xã này sang xã khác có 14 người")
# --- 003 Lào Cai (provincial press, ~2021)
f("lci21-01","Lào Cai","province","field_days_quota","Quy định 19-Q/TU (từ 20/3/2014)","2014-03-20","2021-03-20","",36,"=","days_per_year","","","lci21","theo quy định 36 ngày/năm","Số ngày đi cơ sở mỗi năm theo Quy định 19-Q/TU ngày 20/3/2014 (field days a year required by Regulation 19-Q/TU)")
f("lci21-02","Lào Cai","province","field_work_officials","2014-2021 (7 năm)","2014-03-20","2021-03-20","",9530,">","officials","","","lci21","hơn 9.530 lượt cán bộ, công chức đang giữ chức vụ trưởng phòng","Lượt trưởng phòng và tương đương, và cán bộ trong quy hoạch, đi cơ sở (turns of department heads and equivalents, and cadres planned for such posts, sent to the grassroots)")
f("lci21-03","Lào Cai","province","field_visits","2014-2021 (7 năm)","2014-03-20","2021-03-20","",95300,">","visits","","","lci21","đã đi cơ sở tương ứng với số đạt trên 95,3 nghìn lượt","trên 95,3 nghìn lượt (more than 95.3 thousand visits)")
f("lci21-04","Lào Cai","province","field_visits_labour_dept","2014-2021 (7 năm)","2014-03-20","2021-03-20","",5700,"=","visits","","","lci21","trong 7 năm qua, Sở đã có 5.700 lượt cán bộ, công chức đi cơ sở","Sở Lao động - Thương binh & Xã hội tỉnh (provincial Department of Labour, Invalids and Social Affairs)")
f("lci21-05","Lào Cai","province","poverty_rate","2016","2016-01-01","2016-12-31","",34.5,"=","percent","","","lci21","tỷ lệ hộ nghèo toàn tỉnh giảm từ 34,5% năm 2016")
f("lci21-06","Lào Cai","province","poverty_rate","2020","2020-01-01","2020-12-31","",8.2,"=","percent","","","lci21","xuống còn 8,2% năm 2020")
f("lci21-07","Lào Cai","province","poverty_rate_avg_yearly_fall","2016-2020","2016-01-01","2020-12-31","",5.17,"=","points_per_year","","","lci21","bình quân giảm 5,17%/năm","Không khớp với hai đầu mút của chính bài báo: xem ghi chú chất lượng dữ liệu (does not follow from the article's own endpoints: see the data-quality note)")
f("lci21-08","Lào Cai","province","decentralisation_items","2021-2025","2021-01-01","2025-12-31","",16,"=","items","","","lci21","16 phân cấp, 16 đổi mới và sản phẩm mới giai đoạn 2021-2025","16 nội dung phân cấp (16 decentralisation items)")
f("lci21-09","Lào Cai","province","innovation_items","2021-2025","2021-01-01","2025-12-31","",16,"=","items","","","lci21","16 phân cấp, 16 đổi mới và sản phẩm mới giai đoạn 2021-2025","16 đổi mới và sản phẩm mới (16 innovations and new products)")
f("lci21-10","Lào Cai","province","party_cell_meetings_attended","2014-2021","2014-03-20","2021-03-20","",9100,">","meetings","","","lci21","trên 9.100 buổi sinh hoạt với chi bộ thôn, tổ dân phố")
f("lci21-11","Lào Cai","province","new_party_members","2014-2020","2014-03-20","2020-12-31","",16700,">","people","","","lci21","kết nạp được hơn 16.700 đảng viên mới")
f("lci21-12","Lào Cai","province","party_members_total","cuối 2020","2020-12-31","2020-12-31","",50500,">","people","","","lci21","nâng tổng số đảng viên trong toàn tỉnh lên trên 50.500 đảng viên")
f("lci21-13","Lào Cai","province","committee_members_elected","2020","2020-01-01","2020-12-31","",7547,"=","people","","","lci21","bầu được 7.547 cấp ủy viên","Cấp ủy viên bầu tại đại hội chi bộ trực thuộc đảng ủy cơ sở (committee members elected at party-cell congresses)")
f("lci21-14","Lào Cai","province","village_committee_members","2020","2020-01-01","2020-12-31","",4019,"=","people",4019,7547,"lci21","trong đó có 4.019 cấp ủy viên ở cac chi bộ thôn, tổ dân phố","Cấp ủy viên ở chi bộ thôn, tổ dân phố (of them, at village and residential-group cells)")
f("lci21-15","Bát Xát","district","field_visits","2014-2021","2014-03-20","2021-03-20","",13300,">","visits","","","lci21","toàn huyện đã có trên 13.300 lượt cán bộ, công chức xuống cơ sở")
f("lci21-16","Bát Xát","district","party_cell_meetings_attended","2014-2021","2014-03-20","2021-03-20","",804,"=","meetings","","","lci21","804 buổi dự sinh hoạt chi bộ với cơ sở")
f("lci21-17","Bát Xát","district","new_party_members","2014-2021 (7 năm)","2014-03-20","2021-03-20","",1819,"=","people","","","lci21","toàn huyện đã kết nạp 1.819 đảng viên mới")
f("lci21-18","Bát Xát","district","new_party_members_in_villages","2014-2021 (7 năm)","2014-03-20","2021-03-20","",784,"=","people",784,1819,"lci21","trong đó có 784 đảng viên kết nạp tại thôn, bản, tổ dân phố")
f("lci21-19","Bát Xát","district","village_cells_with_committee","2021","2021-01-01","2021-12-31","",146,"=","party_cells",146,162,"lci21","146/162 chi bộ thôn, bản có chi ủy")
f("lci21-20","Bát Xát","district","ntm_communes","2021","2021-01-01","2021-12-31","",8,"=","communes",8,20,"lci21","8/20 xã thành thành xây dựng nông thôn mới")
# --- 004 Hà Nội (Chinhphu.vn, 27/07/2023)
f("cpv23-01","Thanh Trì","district","non_local_secretaries","7/2023","2023-07-01","2023-07-27","2020-2025",12,"=","people",12,16,"cpv23","12/16 đồng chí Bí thư Đảng ủy","Bí thư Đảng ủy xã, thị trấn không là người địa phương (commune party secretaries who are not local)")
f("cpv23-02","Thanh Trì","district","non_local_chairs","7/2023","2023-07-01","2023-07-27","2020-2025",5,"=","people",5,16,"cpv23","5/16 đồng chí Chủ tịch UBND xã, thị trấn không là người địa phương","Chủ tịch UBND xã, thị trấn không là người địa phương (commune chairs who are not local)")
f("cpv23-03","Thanh Trì","district","non_local_share","7/2023","2023-07-01","2023-07-27","2020-2025",53.1,"=","percent","","","cpv23","đạt tỷ lệ 53,1%","Bí thư và chủ tịch gộp lại (secretaries and chairs together)")
f("cpv23-04","Thanh Trì","district","non_local_share_over_target","7/2023","2023-07-01","2023-07-27","2020-2025",3.1,"=","points","","","cpv23","vượt 3,1% so với chỉ tiêu Nghị quyết 04 của Thành ủy","Bài viết '3,1%' nghĩa là 3,1 điểm phần trăm trên chỉ tiêu 50% (the article's '3.1%' is 3.1 points over the 50% target)")
f("cpv23-05","Thanh Trì","district","non_local_chairs_target","đợt 2 năm 2023","2023-07-27","2023-12-31","2020-2025",50,"=","percent","","","cpv23","nâng tỷ lệ Chủ tịch UBND xã, thị trấn không là người địa phương lên 50%","Mục tiêu dự kiến đợt 2 năm 2023 (target planned for the second round of 2023)")
f("cpv23-06","Hà Nội","province","non_local_target","Nghị quyết 04-NQ/TU, nhiệm kỳ 2020-2025","2020-07-01","2025-06-30","2020-2025",50,"=","percent","","","cpv23","chủ trương 50% bí thư, chủ tịch UBND xã, thị trấn không phải là người địa phương","Chỉ tiêu của Thành ủy Hà Nội (Hà Nội Party Committee target)")
f("cpv23-07","Phúc Thọ","district","non_local_share","11/2021","2021-11-01","2021-11-30","2020-2025",14.3,"=","percent",6,42,"cpv23","chỉ có 6/42 đồng chí (tỷ lệ 14,3%) vào tháng 11/2021")
f("cpv23-08","Phúc Thọ","district","non_local_share","3/2023","2023-03-01","2023-03-31","2020-2025",50,"=","percent",21,42,"cpv23","huyện đã thực hiện được 21/42 đồng chí (tỷ lệ 50%)","Hoàn thành trước thời hạn của Nghị quyết 04 (met before the Resolution 04 deadline)")
f("cpv23-09","Phúc Thọ","district","rotations_total","2020-2025 (đến 7/2023)","2020-07-01","2023-07-27","2020-2025",91,"=","officials","","","cpv23","91 đồng chí được luân chuyển, điều động","Bài không chia theo loại luân chuyển (the article gives no breakdown by kind)")
f("cpv23-10","Phúc Thọ","district","training_participation_rate","2020-2025 (đến 7/2023)","2020-07-01","2023-07-27","2020-2025",100,"=","percent","","","cpv23","100% cán bộ lãnh đạo, quản lý tham gia các lớp bồi dưỡng cập nhật kiến thức mới")

# --- reference figures (../shared/reference/public_figures.csv), cited by publisher, date and URL
import csv as _csv
SRC={"https://vietnamnet.vn/thoat-ngheo-ben-vung-khong-chi-lo-giai-quyet-bai-toan-nang-thu-nhap-2324450.html":"vnn-bacha",
"https://baolaocai.vn/lao-cai-con-hon-20400-ho-ngheo-post395217.html":"blc-hongheo",
"https://dantoctongiao.vietnamnet.vn/hinh-anh-nong-thon-moi-o-muong-phang-2097005.html":"vnn-muongphang",
"https://dic.gov.vn":"dbn-portal19","https://dienbientv.vn":"dbtv20","https://thoibaotaichinhvietnam.vn":"tbtc25",
"https://kinhtedothi.vn/dien-mao-moi-ky-vong-moi-noi-vung-dat-3-song.html":"ktdt22","https://vtv.vn":"vtv17",
"https://langngheviet.com.vn/huyen-thanh-tri-tp-ha-noi-dat-chuan-nong-thon-moi-nang-cao-31261.html":"lnv-thanhtri",
"https://daidoanket.vn":"ddk-bacha","https://daidoanket.vn/doi-thay-o-bac-ha-10124518.html":"ddk-doithay","https://langngheviet.com.vn":"lnv-dienbien20"}
TERMS=[("2010-2015",2010,2015),("2015-2020",2015,2020),("2020-2025",2020,2025)]
QUAL={"=":"=","<":"<",">":">"}
for i,r in enumerate(_csv.DictReader(open("/work/shared/reference/public_figures.csv",encoding="utf-8")),1):
    y=r["period"]
    f(f"ref-{i:02d}",r["area"],r["area_level"],r["metric"],y,f"{y}-01-01",f"{y}-12-31","",float(r["value"]) if "." in r["value"] else int(r["value"]),QUAL[r["qualifier"]],
      {"percent":"percent","communes":"communes","criteria":"criteria","flag":"flag"}[r["unit"]],r["numerator"],r["denominator"],SRC[r["url"]],"",r["note"],r["confidence"])
for i,r in enumerate(_csv.DictReader(open("/work/shared/reference/districts.csv",encoding="utf-8")),1):
    d=r["district"]
    f(f"dist-{i}a",d,"district","area_km2","","","","",float(r["area_km2"]),"=","km2","","","district-facts","","Diện tích trước 1/7/2025 (area before 1 July 2025)","medium")
    y=r["population_year"]
    f(f"dist-{i}p",d,"district","population",y,f"{y}-01-01" if y else "",f"{y}-12-31" if y else "","",int(r["population"]),"=","people","","","district-facts","","Dân số; năm không rõ nếu để trống (population; year unknown where blank)","medium")

w=csv.DictWriter(open('data/figures.csv','w',encoding='utf-8',newline=''),fieldnames=list(F[0]),lineterminator='\n')
w.writeheader(); w.writerows(F)
print(len(F))
